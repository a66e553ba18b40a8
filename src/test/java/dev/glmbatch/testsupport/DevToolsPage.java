package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Chromium tab driven over the DevTools protocol (a WebSocket with JSON commands):
 * navigate, evaluate JavaScript in the page, wait for a condition. Used like a user
 * would: find a control by its accessible label and click it.
 */
public final class DevToolsPage implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final WebSocket socket;

	private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Path downloads;

	private @Nullable String session;

	private DevToolsPage(Process process, Path downloads, URI browser) {
		this.process = process;
		this.downloads = downloads;
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(browser, new Replies(this::received))
			.join();
	}

	static DevToolsPage attach(Process process, Path profile, Path downloads) {
		DevToolsPage page = new DevToolsPage(process, downloads, browserEndpoint(process, profile));
		try {
			Files.createDirectories(downloads);
			page.browserCommand("Browser.setDownloadBehavior",
					Map.of("behavior", "allow", "downloadPath", downloads.toString()));
			JsonNode targets = page.browserCommand("Target.getTargets", Map.of()).get("targetInfos");
			String target = null;
			for (JsonNode info : targets) {
				if (info.get("type").asString().equals("page")) {
					target = info.get("targetId").asString();
				}
			}
			if (target == null) {
				throw new IllegalStateException("Chromium has no page open: " + targets);
			}
			page.session = page.browserCommand("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
				.get("sessionId")
				.asString();
			page.command("Page.enable", Map.of());
			return page;
		}
		catch (IOException ex) {
			page.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			page.close();
			throw ex;
		}
	}

	/**
	 * Chromium writes its port and the browser's WebSocket path into the profile once it
	 * listens.
	 */
	private static URI browserEndpoint(Process process, Path profile) {
		Path activePort = profile.resolve("DevToolsActivePort");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Chromium exited with " + process.exitValue());
			}
			try {
				List<String> lines = Files.exists(activePort) ? Files.readAllLines(activePort, StandardCharsets.UTF_8)
						: List.of();
				if (lines.size() >= 2) {
					return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
				}
				Thread.sleep(50);
			}
			catch (IOException ex) {
				// written while we read: try again
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Chromium did not open its DevTools port within 30 s");
	}

	public Path downloads() {
		return downloads;
	}

	/**
	 * Gives the page a viewport of this size, as a desktop browser window of it would.
	 */
	public void resize(int width, int height) {
		command("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
	}

	/** Writes a PNG of what the viewport shows now. */
	public void screenshot(Path file) {
		JsonNode shot = command("Page.captureScreenshot", Map.of("format", "png"));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, Base64.getDecoder().decode(shot.get("data").asString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Loads a page and waits for its load event. */
	public void navigate(URI url) {
		command("Page.navigate", Map.of("url", url.toString()));
		await("document.readyState === 'complete' && location.href === " + JSON.writeValueAsString(url.toString()),
				Duration.ofSeconds(30));
	}

	/**
	 * Evaluates a JavaScript expression in the page (awaiting a promise it returns) and
	 * answers its JSON value.
	 * @throws AssertionError when the expression throws
	 */
	public JsonNode evaluate(String expression) {
		JsonNode reply = command("Runtime.evaluate",
				Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
		if (reply.has("exceptionDetails")) {
			JsonNode details = reply.get("exceptionDetails");
			JsonNode exception = details.get("exception");
			throw new AssertionError(
					"Page script failed: "
							+ (exception != null && exception.has("description")
									? exception.get("description").asString() : details.get("text").asString())
							+ "\n  in: " + expression);
		}
		JsonNode value = reply.get("result").get("value");
		return value != null ? value : JSON.nullNode();
	}

	/** The visible text of the elements a CSS selector matches, joined by new lines. */
	public String text(String selector) {
		return evaluate("[...document.querySelectorAll(" + JSON.writeValueAsString(selector)
				+ ")].map(e => e.innerText).join('\\n')")
			.asString();
	}

	/**
	 * Clicks the enabled control a CSS selector finds, as a user would.
	 * @throws AssertionError when there is no such control or it is disabled
	 */
	public void click(String selector) {
		String found = evaluate("(() => { const c = document.querySelector(" + JSON.writeValueAsString(selector)
				+ "); if (!c) return 'missing'; if (c.disabled) return 'disabled'; c.click(); return 'clicked'; })()")
			.asString();
		if (!found.equals("clicked")) {
			throw new AssertionError("Cannot click " + selector + ": " + found + "; page shows:\n" + text("body"));
		}
	}

	/**
	 * Waits until a JavaScript condition holds in the page; fails with what the page
	 * shows.
	 */
	public void await(String condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (evaluate("Boolean(" + condition + ")").asBoolean()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Waited " + timeout + " for: " + condition + "\npage shows:\n" + text("body"));
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private JsonNode command(String method, Map<String, Object> params) {
		return send(method, params, session);
	}

	private JsonNode browserCommand(String method, Map<String, Object> params) {
		return send(method, params, null);
	}

	private JsonNode send(String method, Map<String, Object> params, @Nullable String sessionId) {
		long id = ids.incrementAndGet();
		ObjectNode message = JSON.createObjectNode();
		message.put("id", id);
		message.put("method", method);
		message.set("params", JSON.valueToTree(params));
		if (sessionId != null) {
			message.put("sessionId", sessionId);
		}
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		pending.put(id, reply);
		try {
			socket.sendText(JSON.writeValueAsString(message), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (answer.has("error")) {
				throw new IllegalStateException(method + " failed: " + answer.get("error"));
			}
			return answer.get("result");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(method + " got no answer: " + ex, ex);
		}
		finally {
			pending.remove(id);
		}
	}

	private void received(String text) {
		JsonNode message = JSON.readTree(text);
		JsonNode id = message.get("id");
		if (id != null) {
			CompletableFuture<JsonNode> reply = pending.get(id.asLong());
			if (reply != null) {
				reply.complete(message);
			}
		}
	}

	@Override
	public void close() {
		try {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the browser goes away below in any case
		}
		HeadlessChromium.stop(process);
	}

	/** Gathers a message's fragments and hands over each whole message. */
	private static final class Replies implements WebSocket.Listener {

		private final Consumer<String> handler;

		private final StringBuilder partial = new StringBuilder();

		Replies(Consumer<String> handler) {
			this.handler = handler;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				String message = partial.toString();
				partial.setLength(0);
				handler.accept(message);
			}
			webSocket.request(1);
			return null;
		}

	}

}
