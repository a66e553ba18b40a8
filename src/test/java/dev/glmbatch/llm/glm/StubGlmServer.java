package dev.glmbatch.llm.glm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that plays scripted replies in order, for wire details the
 * project's simulator does not produce on purpose: non-JSON bodies, other error shapes,
 * errors inside a stream, a key echoed in an error message, HTTP-date
 * {@code Retry-After}, and a trickle that never ends. When the script runs out it answers
 * {@code "ok"}.
 */
final class StubGlmServer implements AutoCloseable {

	static final String OK_BODY = """
			{"id":"20260301120000abcdef0123456789","request_id":"r","created":1772366400,"model":"glm-4.5-air",
			 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"\\nok"}}],
			 "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":0}}}
			""";

	/**
	 * One scripted reply.
	 *
	 * @param status HTTP status
	 * @param contentType value of {@code Content-Type}
	 * @param headers extra response headers
	 * @param body the body
	 * @param headerDelay wait before sending anything
	 * @param dripPause when positive, send the body one byte at a time with this pause,
	 * and then hang
	 */
	record Reply(int status, String contentType, Map<String, String> headers, String body, Duration headerDelay,
			Duration dripPause) {

		static Reply json(int status, String body) {
			return new Reply(status, "application/json; charset=UTF-8", Map.of(), body, Duration.ZERO, Duration.ZERO);
		}

		static Reply ok() {
			return json(200, OK_BODY);
		}

		static Reply html(int status) {
			return new Reply(status, "text/html", Map.of(),
					"<html><head><title>Blocked</title></head><body>Request blocked by WAF</body></html>",
					Duration.ZERO, Duration.ZERO);
		}

		static Reply sse(String... dataLines) {
			StringBuilder body = new StringBuilder();
			for (String line : dataLines) {
				body.append("data: ").append(line).append("\n\n");
			}
			return new Reply(200, "text/event-stream;charset=UTF-8", Map.of(), body.toString(), Duration.ZERO,
					Duration.ZERO);
		}

		Reply withHeader(String name, String value) {
			Map<String, String> more = new HashMap<>(headers);
			more.put(name, value);
			return new Reply(status, contentType, Map.copyOf(more), body, headerDelay, dripPause);
		}

		Reply withHeaderDelay(Duration delay) {
			return new Reply(status, contentType, headers, body, delay, dripPause);
		}

		Reply dripping(Duration pause) {
			return new Reply(status, contentType, headers, body, headerDelay, pause);
		}

	}

	/** What the server received. */
	record Received(Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(List.of());
			return values.isEmpty() ? null : values.get(0);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

	private StubGlmServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::handle);
		server.setExecutor(executor);
		server.start();
	}

	static StubGlmServer start() {
		try {
			return new StubGlmServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the stub server", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/paas/v4");
	}

	StubGlmServer enqueue(Reply... replies) {
		script.addAll(List.of(replies));
		return this;
	}

	List<Received> received() {
		synchronized (received) {
			return List.copyOf(received);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
				new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
		Reply reply = script.poll();
		if (reply == null) {
			reply = Reply.ok();
		}
		try (exchange) {
			pause(reply.headerDelay());
			exchange.getResponseHeaders().set("Content-Type", reply.contentType());
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			boolean drip = !reply.dripPause().isZero();
			exchange.sendResponseHeaders(reply.status(), drip ? 0 : body.length);
			OutputStream out = exchange.getResponseBody();
			if (!drip) {
				out.write(body);
				return;
			}
			for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
				// the body, then spaces for ever: a response that never completes
				out.write((i < body.length) ? body[i] : ' ');
				out.flush();
				pause(reply.dripPause());
			}
		}
		catch (IOException ex) {
			// the client gave up on the response; that is what drip tests want
		}
	}

	private static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

}
