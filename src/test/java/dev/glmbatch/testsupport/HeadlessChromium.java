package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), run headless from a test:
 * {@link #dumpDom} loads a page and answers the DOM once the page's timers have run;
 * {@link #open} drives a page over the DevTools protocol. Nothing is installed or
 * downloaded; tests skip themselves when {@link #available()} is false.
 */
public final class HeadlessChromium {

	/**
	 * Debian's Chromium, or the binary the system property {@code glmbatch.test.chromium}
	 * names.
	 */
	public static final Path BINARY = Path.of(System.getProperty("glmbatch.test.chromium", "/usr/bin/chromium"));

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

	private HeadlessChromium() {
	}

	public static boolean available() {
		return Files.isExecutable(BINARY);
	}

	/**
	 * Loads {@code page} in a fresh profile under {@code work}, lets its scripts and
	 * timers run for {@code budget} of virtual time (network waits do not count), and
	 * answers the serialised DOM.
	 */
	public static String dumpDom(URI page, Path work, Duration budget) {
		List<String> command = command(work);
		command.add("--virtual-time-budget=" + budget.toMillis());
		command.add("--dump-dom");
		command.add(page.toString());
		Path dom = work.resolve("dom.html");
		Process process = start(command, work, ProcessBuilder.Redirect.to(dom.toFile()));
		try {
			if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new AssertionError(
						"Chromium did not finish within " + PROCESS_TIMEOUT + "; its log: " + log(work));
			}
			if (process.exitValue() != 0) {
				throw new AssertionError("Chromium exited with " + process.exitValue() + "; its log: " + log(work));
			}
			return Files.readString(dom, StandardCharsets.UTF_8);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			stop(process);
		}
	}

	/**
	 * Starts Chromium on a blank page with the DevTools protocol on a free port,
	 * downloads going to {@code work/downloads}; the caller navigates and closes.
	 */
	public static DevToolsPage open(Path work) {
		List<String> command = command(work);
		command.add("--remote-debugging-port=0");
		command.add("about:blank");
		Process process = start(command, work, ProcessBuilder.Redirect.DISCARD);
		try {
			return DevToolsPage.attach(process, work.resolve("profile"), work.resolve("downloads"));
		}
		catch (RuntimeException | Error ex) {
			stop(process);
			throw new AssertionError(
					"Cannot drive Chromium over DevTools: " + ex.getMessage() + "; its log: " + log(work), ex);
		}
	}

	private static List<String> command(Path work) {
		return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
				"--user-data-dir=" + work.resolve("profile")));
	}

	private static Process start(List<String> command, Path work, ProcessBuilder.Redirect output) {
		try {
			Files.createDirectories(work.resolve("profile"));
			return new ProcessBuilder(command).redirectOutput(output)
				.redirectError(work.resolve("chromium.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + BINARY, ex);
		}
	}

	static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String log(Path work) {
		try {
			List<String> lines = Files.readAllLines(work.resolve("chromium.log"), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
