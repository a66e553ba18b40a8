package dev.glmbatch.cli;

import java.sql.SQLException;
import java.util.Map;

import dev.glmbatch.GlmBatchApplication;
import dev.glmbatch.run.RunStateRuntime;
import dev.glmbatch.run.Runs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for the commands that need run state. Spring's own shutdown hook stays off: on Ctrl-C the
 * command stops its run at a chunk boundary first and closes the context itself.
 */
final class SpringRuntime {

	/** H2's "database may be already in use" error. */
	private static final int H2_DATABASE_IN_USE = 90020;

	private SpringRuntime() {
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return start(GlmBatchApplication.class, properties, false);
	}

	/**
	 * Starts the small context of the commands that only read run state or signal a run ({@link RunStateRuntime}):
	 * the same database and {@link Runs}, without the batch launcher, the GLM client, metrics or schedules.
	 */
	static ConfigurableApplicationContext startReading() {
		return start(RunStateRuntime.class, Map.of(), false);
	}

	/**
	 * Starts the service (profile {@code service}: web server, schedules, actuator). Here Spring's shutdown hook is
	 * on: on SIGTERM it stops the schedules and the runs at a chunk boundary, then closes the context.
	 */
	static ConfigurableApplicationContext startService(Map<String, Object> properties) {
		return start(GlmBatchApplication.class, properties, true);
	}

	private static ConfigurableApplicationContext start(Class<?> source, Map<String, Object> properties,
			boolean service) {
		try {
			// as command-line arguments, these outrank application.properties and the environment
			String[] arguments = properties.entrySet()
				.stream()
				.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
			if (!service) {
				// Spring Boot warms Jackson, validation and HTTP converters on a second thread for a web application;
				// a command that ends in seconds would only pay for it on a small machine
				System.setProperty("spring.backgroundpreinitializer.ignore", "true");
			}
			SpringApplicationBuilder builder = new SpringApplicationBuilder(source);
			if (service) {
				builder.profiles("service");
			}
			return builder.registerShutdownHook(service).run(arguments);
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
					throw new CommandException("The state database under .glm-batch/state is in use by another"
							+ " glm-batch process. Wait for it to finish or stop it (Ctrl-C in its terminal, or"
							+ " kill -TERM with the pid it printed at start). Several processes at once need PostgreSQL"
							+ " (see README, 'PostgreSQL').");
				}
			}
			throw ex;
		}
	}

}
