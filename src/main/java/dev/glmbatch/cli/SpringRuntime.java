package dev.glmbatch.cli;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.glmbatch.GlmBatchApplication;
import org.jspecify.annotations.Nullable;
import dev.glmbatch.run.RunStateRuntime;
import dev.glmbatch.run.Runs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for the commands that need run state. Spring's own shutdown
 * hook stays off: on Ctrl-C the command stops its run at a chunk boundary first and
 * closes the context itself.
 *
 * <p>
 * A context that cannot start (the state database in use by another process, a
 * configuration value Spring cannot bind) ends the command with one line and exit code 1:
 * Spring Boot's own start-up failure report, a stack trace of a hundred lines, is
 * silenced unless {@code --debug} is given.
 */
final class SpringRuntime {

	/** H2's "database may be already in use" error. */
	private static final int H2_DATABASE_IN_USE = 90020;

	/**
	 * The loggers that report a failed start-up with stack traces: Spring Boot's, the
	 * context's own ("Exception encountered during context initialization"), and Hikari's
	 * for a database it cannot open, and Flyway's for a migration that could not run or
	 * roll back (a full disk while the state database is created).
	 */
	private static final String[] STARTUP_FAILURE_LOGGERS = { "org.springframework.boot.SpringApplication",
			"org.springframework.boot.diagnostics", "com.zaxxer.hikari.pool.HikariPool",
			"org.springframework.context.annotation.AnnotationConfigApplicationContext",
			"org.springframework.boot.web.server.servlet.context", "org.flywaydb.core.internal" };

	private SpringRuntime() {
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return start(GlmBatchApplication.class, properties, false, null);
	}

	/**
	 * Starts the small context of {@code stop}, and of {@code list} and {@code status} on
	 * a database an earlier version made ({@link RunStateRuntime}): the same database and
	 * {@link Runs}, without the batch launcher, the GLM client, metrics or schedules.
	 */
	static ConfigurableApplicationContext startReading() {
		return start(RunStateRuntime.class, Map.of(), false, null);
	}

	/**
	 * Starts the service (profile {@code service}: web server, schedules, actuator). Here
	 * Spring's shutdown hook is on: on SIGTERM it stops the schedules and the runs at a
	 * chunk boundary, then closes the context.
	 * @param initializer applied before the context is refreshed (the built-in simulator
	 * registers itself there)
	 */
	static ConfigurableApplicationContext startService(Map<String, Object> properties,
			@Nullable ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		return start(GlmBatchApplication.class, properties, true, initializer);
	}

	private static ConfigurableApplicationContext start(Class<?> source, Map<String, Object> properties,
			boolean service, @Nullable ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		Map<String, Object> all = new LinkedHashMap<>();
		if (!GlmBatchCommand.debug()) {
			for (String logger : STARTUP_FAILURE_LOGGERS) {
				all.put("logging.level." + logger, "OFF");
			}
		}
		// the user's --NAME=VALUE first: what the command sets from its own options wins
		all.putAll(GlmBatchCommand.properties());
		all.putAll(properties);
		try {
			// as command-line arguments, these outrank application.properties and the
			// environment
			String[] arguments = all.entrySet()
				.stream()
				.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
			if (!service) {
				// Spring Boot warms Jackson, validation and HTTP converters on a second
				// thread for a web application;
				// a command that ends in seconds would only pay for it on a small machine
				System.setProperty("spring.backgroundpreinitializer.ignore", "true");
			}
			SpringApplicationBuilder builder = new SpringApplicationBuilder(source);
			if (service) {
				builder.profiles("service");
			}
			if (initializer != null) {
				builder.initializers(initializer);
			}
			return builder.registerShutdownHook(service).run(arguments);
		}
		catch (RuntimeException ex) {
			throw startupFailure(ex);
		}
	}

	/**
	 * One line for a context that could not start, keeping the exception as the cause for
	 * {@code --debug}.
	 */
	static CommandException startupFailure(RuntimeException ex) {
		BindException binding = null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CommandException command) {
				return command;
			}
			if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
				return new CommandException("The state database " + StateLocation.describe()
						+ " is in use by another glm-batch process (a run or the service). Wait for it to finish or"
						+ " stop it (Ctrl-C in its terminal, or kill -TERM with the pid it printed at start). Several"
						+ " processes at once need PostgreSQL (see README, 'PostgreSQL').", ex);
			}
			if (binding == null && cause instanceof BindException bind) {
				binding = bind;
			}
		}
		String diskFull = DiskFull.message(ex, StateLocation.dataFile());
		if (diskFull != null) {
			return new CommandException(diskFull, ex);
		}
		String root = rootMessage(ex);
		if (binding != null) {
			return new CommandException("Configuration error"
					+ ((binding.getProperty() != null) ? " in " + binding.getProperty().getName() : "") + ": " + root,
					ex);
		}
		return new CommandException("glm-batch cannot start: " + root
				+ (GlmBatchCommand.debug() ? "" : " (run again with --debug for details)"), ex);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return Objects.toString(root.getMessage(), root.getClass().getSimpleName()).lines().findFirst().orElse("");
	}

}
