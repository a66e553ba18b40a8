package dev.glmbatch.simulator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how many chat requests per second the simulator sustains at zero latency. Not
 * a test: run its {@code main} by hand (arguments: client threads, seconds,
 * {@code stream} or {@code json}).
 *
 * <p>
 * Each client thread keeps one HTTP/1.1 keep-alive socket and reads responses by hand, so
 * that the client costs as little CPU as possible and the figure reflects the server.
 */
public final class SimulatorThroughputBenchmark {

	private static final Logger log = LoggerFactory.getLogger(SimulatorThroughputBenchmark.class);

	private static final String SYSTEM_PROMPT = "You are a professional translator. Translate the data block into the "
			+ "target language. Keep placeholders such as {name}, %s and markup exactly as written. Output only the "
			+ "translation.";

	private SimulatorThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		boolean stream = args.length > 2 && args[2].equals("stream");
		try (GlmSimulator simulator = GlmSimulator.start(SimulatorOptions.defaults().withMaxInFlight(10_000))) {
			run(simulator, threads, 3, stream);
			simulator.reset();
			double perSecond = run(simulator, threads, seconds, stream);
			log.info("{} clients, {} s, {}: {} requests/s; stats {}", threads, seconds, stream ? "stream" : "json",
					String.format(Locale.ROOT, "%.0f", perSecond), simulator.stats().toJson());
		}
	}

	private static double run(GlmSimulator simulator, int threads, int seconds, boolean stream) throws Exception {
		LongAdder done = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> clients = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int client = t;
			Thread thread = new Thread(() -> loop(simulator.port(), client, stream, running, done));
			thread.start();
			clients.add(thread);
		}
		long started = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		running.set(false);
		long count = done.sum();
		double elapsed = (System.nanoTime() - started) / 1e9;
		for (Thread thread : clients) {
			thread.join();
		}
		return count / elapsed;
	}

	private static void loop(int port, int client, boolean stream, AtomicBoolean running, LongAdder done) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
			for (long i = 0; running.get(); i++) {
				byte[] body = body(client, i, stream).getBytes(StandardCharsets.UTF_8);
				out.write(("POST /api/paas/v4/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Authorization: Bearer bench\r\nContent-Type: application/json\r\nContent-Length: "
						+ body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
				readResponse(in);
				done.increment();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(int client, long index, boolean stream) {
		return "{\"model\":\"glm-4.5-air\",\"stream\":" + stream + ",\"thinking\":{\"type\":\"disabled\"},"
				+ "\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM_PROMPT + "\"},"
				+ "{\"role\":\"user\",\"content\":\"Target language: German\\n<<<DATA:i" + index
				+ ">>>\\nHello {name}, you have " + index + " new messages from client " + client + ".\\n<<<END:i"
				+ index + ">>>\"}],\"request_id\":\"bench-" + client + "-" + index + "\"}";
	}

	private static void readResponse(InputStream in) throws IOException {
		long contentLength = -1;
		boolean chunked = false;
		String line = readLine(in);
		if (!line.startsWith("HTTP/1.1 200")) {
			throw new IllegalStateException("unexpected status: " + line);
		}
		while (!(line = readLine(in)).isEmpty()) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (!chunked) {
			in.skipNBytes(contentLength);
			return;
		}
		long size;
		while ((size = Long.parseLong(readLine(in).trim(), 16)) > 0) {
			in.skipNBytes(size + 2);
		}
		readLine(in);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("connection closed");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
