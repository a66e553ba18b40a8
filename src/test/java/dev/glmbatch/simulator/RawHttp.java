package dev.glmbatch.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP access to the simulator for tests: string bodies in, raw status, headers and
 * text out. Deliberately knows nothing of the GLM client.
 */
final class RawHttp {

	static final String ZAI = "/api/paas/v4/chat/completions";

	static final String OPENAI = "/v1/chat/completions";

	static final String BEARER = "Bearer test-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Supplier<URI> baseUrl;

	RawHttp(URI baseUrl) {
		this.baseUrl = () -> baseUrl;
	}

	private RawHttp(Supplier<URI> baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Plain HTTP to the simulator an extension runs; its address is looked up at each
	 * call, so the client can be made before the simulator starts (in a field
	 * initialiser).
	 */
	static RawHttp to(GlmSimulatorExtension simulator) {
		return new RawHttp(() -> simulator.simulator().baseUrl());
	}

	HttpResponse<String> post(String path, String body) {
		return post(path, body, BEARER);
	}

	HttpResponse<String> post(String path, String body, @Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.get().resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	HttpResponse<String> get(String path) {
		return send(
				HttpRequest.newBuilder(this.baseUrl.get().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new RawHttpException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a POST over a bare socket and returns the exchange byte for byte, with a
	 * chunked body decoded.
	 */
	RawResponse postOverSocket(String path, String body) throws IOException {
		byte[] payload = body.getBytes(StandardCharsets.UTF_8);
		URI base = this.baseUrl.get();
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + BEARER
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length
					+ "\r\nConnection: close\r\n\r\n";
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(payload);
			out.flush();
			return RawResponse.parse(socket.getInputStream().readAllBytes());
		}
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	static JsonNode json(HttpResponse<String> response) {
		return json(response.body());
	}

	/**
	 * An I/O failure of the raw client, e.g. a connection the server closed without
	 * answering.
	 */
	static final class RawHttpException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RawHttpException(IOException cause) {
			super(cause);
		}

	}

	/**
	 * A response as read from the socket.
	 *
	 * @param statusLine the first line
	 * @param headers header names in lower case
	 * @param body the body, de-chunked when sent chunked
	 */
	record RawResponse(String statusLine, Map<String, String> headers, String body) {

		static RawResponse parse(byte[] bytes) {
			String all = new String(bytes, StandardCharsets.ISO_8859_1);
			int headEnd = all.indexOf("\r\n\r\n");
			String[] headLines = all.substring(0, headEnd).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < headLines.length; i++) {
				int colon = headLines[i].indexOf(':');
				headers.put(headLines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						headLines[i].substring(colon + 1).trim());
			}
			byte[] rawBody = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
			byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rawBody) : rawBody;
			return new RawResponse(headLines[0], headers, new String(body, StandardCharsets.UTF_8));
		}

		/** The body split at line feeds, keeping empty lines. */
		List<String> lines() {
			return new ArrayList<>(List.of(this.body.split("\n", -1)));
		}

		private static byte[] dechunk(byte[] raw) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (true) {
				int lineEnd = indexOfCrLf(raw, position);
				int size = Integer.parseInt(
						new String(raw, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0].trim(),
						16);
				position = lineEnd + 2;
				if (size == 0) {
					return out.toByteArray();
				}
				out.write(raw, position, size);
				position += size + 2;
			}
		}

		private static int indexOfCrLf(byte[] raw, int from) {
			for (int i = from; i < raw.length - 1; i++) {
				if (raw[i] == '\r' && raw[i + 1] == '\n') {
					return i;
				}
			}
			throw new IllegalStateException("chunked body ends without a terminating chunk");
		}

	}

}
