package dev.glmbatch.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.glmbatch.GlmBatchApplication;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.Runs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as the command line starts it, for in-process runs against a simulator:
 * started on first use in a test, with quick retries and the state database of
 * {@link TestDatabases}, and closed after the test. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
public final class BatchApplication implements AfterEachCallback {

	private final GlmSimulatorExtension simulator;

	private final Map<String, Object> extraProperties = new LinkedHashMap<>();

	private @Nullable ConfigurableApplicationContext context;

	public BatchApplication(GlmSimulatorExtension simulator) {
		this.simulator = simulator;
	}

	/**
	 * Sets a configuration property of the application it starts next (e.g.
	 * {@code glm.models[glm-5.3].thinking}), which wins over the defaults set here.
	 */
	public BatchApplication withProperty(String name, Object value) {
		extraProperties.put(name, value);
		return this;
	}

	/**
	 * Closes the started application now, as a process that ends would; a later
	 * {@link #runs} starts it again.
	 */
	public void stop() {
		ConfigurableApplicationContext started = context;
		context = null;
		if (started != null) {
			started.close();
		}
	}

	/**
	 * The runs of the application on embedded H2 under {@code dir}, started if need be.
	 */
	public Runs runs(Path dir) {
		return runs(dir, TestDatabases.H2);
	}

	/**
	 * The runs of the application on the given {@link TestDatabases test database},
	 * started if need be.
	 */
	public Runs runs(Path dir, String database) {
		return context(dir, database).getBean(Runs.class);
	}

	/**
	 * The starter of runs of the application on embedded H2 under {@code dir}, started if
	 * need be.
	 */
	public RunOperator operator(Path dir) {
		return operator(dir, TestDatabases.H2);
	}

	/**
	 * The starter of runs of the application on the given {@link TestDatabases test
	 * database}.
	 */
	public RunOperator operator(Path dir, String database) {
		return context(dir, database).getBean(RunOperator.class);
	}

	/** The started application; {@link #runs} must have been called in this test. */
	public <T> T bean(Class<T> type) {
		if (context == null) {
			throw new IllegalStateException("the application has not been started in this test");
		}
		return context.getBean(type);
	}

	private ConfigurableApplicationContext context(Path dir, String database) {
		if (context == null) {
			Map<String, Object> properties = ApplicationArguments.glm(simulator.zaiBaseUrl());
			properties.putAll(TestDatabases.properties(database, dir));
			properties.putAll(extraProperties);
			context = new SpringApplicationBuilder(GlmBatchApplication.class).run(ApplicationArguments.of(properties));
		}
		return context;
	}

	@Override
	public void afterEach(ExtensionContext extensionContext) {
		stop();
	}

}
