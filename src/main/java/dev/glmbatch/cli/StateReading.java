package dev.glmbatch.cli;

import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.glmbatch.run.RunStateReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * How {@code list} and {@code status} read the runs: with {@link RunStateReader} on one
 * JDBC connection to the state database the application would use, without a Spring
 * context, whose start alone would take seconds of CPU on a small machine. A database
 * that does not exist yet is not created; it has no runs.
 */
final class StateReading {

	/** Commons Logging's system properties: its factory, and the log it makes. */
	private static final String LOG_FACTORY = "org.apache.commons.logging.LogFactory";

	private static final String LOG = "org.apache.commons.logging.Log";

	private StateReading() {
	}

	static <T> T read(Function<RunStateReader, T> query) {
		quietLibraryLogging();
		StateLocation.Connection connection;
		try {
			connection = StateLocation.connection();
		}
		catch (RuntimeException ex) {
			throw SpringRuntime.startupFailure(ex);
		}
		try {
			return RunStateReader.readOnce(connection.url(), connection.username(), connection.password(), query);
		}
		catch (SQLException ex) {
			throw SpringRuntime.startupFailure(new IllegalStateException(ex.getMessage(), ex));
		}
		catch (BadSqlGrammarException ex) {
			// a database an earlier version made lacks columns this one reads: the small
			// context brings it up to date
			// first, as every command did before
			try (ConfigurableApplicationContext context = SpringRuntime.startReading()) {
				return query.apply(new RunStateReader(context.getBean(DataSource.class)));
			}
		}
	}

	/**
	 * Spring's classes log through Commons Logging, whose first use looks for a logging
	 * library and starts Logback: about a tenth of the classes such a command loads.
	 * Nothing on this path logs above debug level (failures end as one line of
	 * {@link SpringRuntime#startupFailure}), so unless {@code --debug} is given, or the
	 * user chose a logging implementation, Commons Logging is told to drop what it gets.
	 * glm-batch's own loggers are not affected.
	 */
	private static void quietLibraryLogging() {
		if (!GlmBatchCommand.debug() && System.getProperty(LOG_FACTORY) == null && System.getProperty(LOG) == null) {
			System.setProperty(LOG_FACTORY, "org.apache.commons.logging.impl.LogFactoryImpl");
			System.setProperty(LOG, "org.apache.commons.logging.impl.NoOpLog");
		}
	}

}
