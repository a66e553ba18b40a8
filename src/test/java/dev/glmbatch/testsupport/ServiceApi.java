package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API of a server a test started (the service, in this JVM or another process,
 * or the simulator), called as a client would, with the calls on the service's runs that
 * tests repeat: start one, read it, wait for its status, resume it.
 */
public final class ServiceApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The line in which {@code serve --port 0} says where it listens. */
	private static final Pattern LISTENING = Pattern.compile("glm-batch service on (http://127\\.0\\.0\\.1:\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	private @Nullable String token;

	public ServiceApi(URI base) {
		this.base = base;
	}

	/**
	 * The API of a service the test started as a process ({@code serve --port 0}), once
	 * the service has said where it listens.
	 * @throws AssertionError when it does not say so within {@code patience}
	 */
	public static ServiceApi of(JarProcess service, Duration patience) throws InterruptedException {
		return new ServiceApi(URI.create(service.awaitLine(LISTENING, patience)));
	}

	/** Sends {@code Authorization: Bearer <token>} with every later call. */
	public ServiceApi withToken(String bearer) {
		this.token = bearer;
		return this;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	/** A GET whose body is kept as bytes: a workbook, say. */
	public HttpResponse<byte[]> getBytes(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	public HttpResponse<String> post(String path) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * Starts a run of {@code job}.
	 * @return the id of the run
	 * @throws AssertionError unless the service accepted it (202)
	 */
	public long startRun(String job) {
		HttpResponse<String> started = post("/api/jobs/" + job + "/runs");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		return json(started).get("runId").asLong();
	}

	/** The run as {@code GET /api/runs/{id}} shows it. */
	public JsonNode run(long runId) {
		return json(get("/api/runs/" + runId));
	}

	/**
	 * Waits up to a minute until the run has {@code status}; a failed or stopped run,
	 * also until it has kept why, which the run records a moment after the repository
	 * marks its status.
	 */
	public void awaitStatus(long runId, String status) {
		boolean ended = status.equals("FAILED") || status.equals("STOPPED");
		// an ended run is STOPPED or FAILED a moment before its reason and resume command
		// are kept with it
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> run(runId), run -> status.equals(run.get("status").asString()) && !(ended
					&& (run.path("problem").asString().isEmpty() || run.path("resumeCommand").asString().isEmpty())));
	}

	/**
	 * Waits up to {@code patience} until the run, as {@code GET /api/runs/{id}} shows it,
	 * passes {@code done}, asking every 100 ms.
	 * @return the run as it was then
	 * @throws AssertionError naming the run as last seen, when it did not get there
	 */
	public JsonNode awaitRun(long runId, Duration patience, Predicate<JsonNode> done) {
		long deadline = System.nanoTime() + patience.toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = run(runId);
			if (done.test(run)) {
				return run;
			}
			pause(100);
		}
		throw new AssertionError("Run " + runId + " did not get there within " + patience + ": " + run);
	}

	/**
	 * Asks to resume a stopped run. The run is {@code STOPPED} in the repository a moment
	 * before the service lets go of its job, so a 409 is asked again, every 50 ms for up
	 * to five seconds.
	 * @return the last answer
	 */
	public HttpResponse<String> resume(long runId) {
		HttpResponse<String> resumed = post("/api/runs/" + runId + "/resume");
		for (int tries = 0; resumed.statusCode() == 409 && tries < 100; tries++) {
			pause(50);
			resumed = post("/api/runs/" + runId + "/resume");
		}
		return resumed;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
		try {
			return http.send(request.build(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
