package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.glmbatch.GlmBatchApplication;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the service (profile {@code service}) on a free port, with its jobs folder and state under {@code dir} and
 * GLM pointing at a simulator, and calls its API over HTTP.
 */
public final class ServiceFixture implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	private @Nullable String token;

	private ServiceFixture(ConfigurableApplicationContext context) {
		this.context = context;
		this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	/** Starts the service; {@code extra} properties win over the defaults set here. */
	public static ServiceFixture start(Path dir, URI glmBaseUrl, Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("glm.base-url", glmBaseUrl.toString());
		properties.put("glm.api-key", "test-key");
		properties.put("glm.initial-backoff", "10ms");
		properties.put("glm.max-backoff", "50ms");
		properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("state/glm-batch"));
		properties.put("glmbatch.service.jobs", dir.resolve("jobs").toString());
		properties.put("glmbatch.service.reload-interval", "200ms");
		properties.put("glmbatch.service.shutdown-wait", "30s");
		properties.putAll(extra);
		String[] arguments = properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new ServiceFixture(
				new SpringApplicationBuilder(GlmBatchApplication.class).profiles("service").run(arguments));
	}

	public ServiceFixture withToken(String bearer) {
		this.token = bearer;
		return this;
	}

	public ConfigurableApplicationContext context() {
		return context;
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> post(String path) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		context.close();
	}

}
