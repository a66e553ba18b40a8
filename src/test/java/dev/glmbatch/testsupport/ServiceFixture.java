package dev.glmbatch.testsupport;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import dev.glmbatch.GlmBatchApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service (profile {@code service}) in this JVM on a free port, with its jobs folder
 * and H2 state under a folder and GLM pointing at a simulator; its API is called over
 * HTTP.
 *
 * <p>
 * Either {@link #start started} at once and closed by the caller, or registered on an
 * instance field with {@code @RegisterExtension} as
 * {@link #against(GlmSimulatorExtension)}: then the test {@link #serve serves}, may
 * {@link #close() stop} (as a shutdown does) and serve again, and what still runs is
 * closed after the test. Registered on a static field as
 * {@link #forTheClassAgainst(GlmSimulatorExtension)}, it is served once in a
 * {@code @BeforeAll} method for every test of the class and closed after the last.
 */
public final class ServiceFixture implements AutoCloseable, AfterEachCallback, AfterAllCallback {

	private final Supplier<URI> glmBaseUrl;

	private final boolean forTheClass;

	private @Nullable ConfigurableApplicationContext context;

	private @Nullable ServiceApi api;

	private @Nullable String token;

	private ServiceFixture(Supplier<URI> glmBaseUrl, boolean forTheClass) {
		this.glmBaseUrl = glmBaseUrl;
		this.forTheClass = forTheClass;
	}

	/** Starts the service; {@code extra} properties win over the defaults set here. */
	public static ServiceFixture start(Path dir, URI glmBaseUrl, Map<String, Object> extra) {
		return new ServiceFixture(() -> glmBaseUrl, false).serve(dir, extra);
	}

	/**
	 * A service not yet started, calling {@code simulator}; register it with
	 * {@code @RegisterExtension}.
	 */
	public static ServiceFixture against(GlmSimulatorExtension simulator) {
		return new ServiceFixture(simulator::zaiBaseUrl, false);
	}

	/**
	 * A service not yet started, calling {@code simulator}, for all the tests of a class:
	 * register it with {@code @RegisterExtension} on a static field declared after the
	 * simulator's, and serve it in a {@code @BeforeAll} method.
	 */
	public static ServiceFixture forTheClassAgainst(GlmSimulatorExtension simulator) {
		return new ServiceFixture(simulator::zaiBaseUrl, true);
	}

	/** Starts the service with its defaults. */
	public ServiceFixture serve(Path dir) {
		return serve(dir, Map.of());
	}

	/**
	 * Starts the service; {@code extra} properties win over the defaults set here.
	 * @throws IllegalStateException when it is running already
	 */
	public ServiceFixture serve(Path dir, Map<String, Object> extra) {
		if (context != null) {
			throw new IllegalStateException("the service is running already: close it first");
		}
		Map<String, Object> properties = ApplicationArguments.glm(glmBaseUrl.get());
		properties.put("server.port", 0);
		properties.putAll(TestDatabases.properties(TestDatabases.H2, dir));
		properties.put("glmbatch.service.jobs", dir.resolve("jobs").toString());
		properties.put("glmbatch.service.reload-interval", "200ms");
		properties.put("glmbatch.service.shutdown-wait", "30s");
		properties.putAll(extra);
		ConfigurableApplicationContext started = new SpringApplicationBuilder(GlmBatchApplication.class)
			.profiles("service")
			.run(ApplicationArguments.of(properties));
		ServiceApi calls = new ServiceApi(
				URI.create("http://127.0.0.1:" + started.getEnvironment().getProperty("local.server.port")));
		if (token != null) {
			calls.withToken(token);
		}
		context = started;
		api = calls;
		return this;
	}

	/** Sends {@code Authorization: Bearer <token>} with every later call. */
	public ServiceFixture withToken(String bearer) {
		this.token = bearer;
		if (api != null) {
			api.withToken(bearer);
		}
		return this;
	}

	public ConfigurableApplicationContext context() {
		ConfigurableApplicationContext running = context;
		if (running == null) {
			throw new IllegalStateException("the service is not running");
		}
		return running;
	}

	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	/** The service's API; the calls below go through it. */
	public ServiceApi api() {
		ServiceApi running = api;
		if (running == null) {
			throw new IllegalStateException("the service is not running");
		}
		return running;
	}

	public HttpResponse<String> get(String path) {
		return api().get(path);
	}

	public HttpResponse<String> post(String path) {
		return api().post(path);
	}

	public static JsonNode json(HttpResponse<String> response) {
		return ServiceApi.json(response);
	}

	/** @see ServiceApi#startRun(String) */
	public long startRun(String job) {
		return api().startRun(job);
	}

	/** @see ServiceApi#run(long) */
	public JsonNode run(long runId) {
		return api().run(runId);
	}

	/** @see ServiceApi#awaitStatus(long, String) */
	public void awaitStatus(long runId, String status) {
		api().awaitStatus(runId, status);
	}

	/** @see ServiceApi#resume(long) */
	public HttpResponse<String> resume(long runId) {
		return api().resume(runId);
	}

	/** Stops the service, as a shutdown does, if it runs. */
	@Override
	public void close() {
		ConfigurableApplicationContext running = context;
		context = null;
		api = null;
		if (running != null) {
			running.close();
		}
	}

	@Override
	public void afterEach(ExtensionContext extensionContext) {
		if (!forTheClass) {
			close();
		}
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		close();
	}

}
