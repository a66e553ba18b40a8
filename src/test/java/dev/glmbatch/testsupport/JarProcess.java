package dev.glmbatch.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar ({@code glmbatch.jar} system property, set by failsafe) started in
 * another process, as a user would. Its output is kept in memory and appended to a log
 * file; {@link #close()} kills it with SIGKILL if it still runs.
 */
public final class JarProcess implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	private final Thread drain;

	private JarProcess(Process process, Path log) {
		this.process = process;
		this.drain = new Thread(() -> copyOutput(log), "jar-output-" + process.pid());
		this.drain.setDaemon(true);
		this.drain.start();
	}

	public static Path jar() {
		return Path.of(System.getProperty("glmbatch.jar", "target/glm-batch.jar")).toAbsolutePath();
	}

	/**
	 * The JVM options every process started here gets first: the words of the
	 * {@code glmbatch.jar.jvm-options} system property. Failsafe sets it to compile with
	 * C1 only, which halves the CPU a start of the jar takes: these processes live for
	 * seconds or minutes, several at a time on a two-core machine, and spend most of
	 * their CPU starting. The benchmarks, run by surefire, start the jar as a user does.
	 */
	private static List<String> defaultJvmOptions() {
		String options = System.getProperty("glmbatch.jar.jvm-options", "").strip();
		return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
	}

	/**
	 * Starts {@code java [jvmOptions] -jar glm-batch.jar arguments} in {@code workDir},
	 * with {@code env} added to the environment; the output is appended to {@code log}.
	 * The process's home folder ({@code user.home}, which holds the default state
	 * database) is {@code workDir} unless {@code jvmOptions} set one: a test never
	 * touches the state of the user running it, nor that of another test.
	 */
	public static JarProcess start(Path workDir, Path log, Map<String, String> env, List<String> jvmOptions,
			String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Duser.home="))) {
			command.add("-Duser.home=" + workDir.toAbsolutePath());
		}
		command.addAll(defaultJvmOptions());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		return new JarProcess(builder.start(), log);
	}

	/**
	 * Like {@link #start}, under a file-size limit ({@code ulimit -f}, in KiB) set by a
	 * shell that then runs the jar: a write past the limit fails with "File too large",
	 * as on a full disk, and only for this process. As with {@link #start}, the process's
	 * home folder is {@code workDir}, so the default state database the limit bites on is
	 * this test's own, and a later {@link #start} in the same folder sees the same runs.
	 */
	public static JarProcess startWithFileSizeLimit(Path workDir, Path log, Map<String, String> env, long kib,
			String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f \"$0\" && exec \"$@\"",
				Long.toString(kib), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Duser.home=" + workDir.toAbsolutePath()));
		command.addAll(defaultJvmOptions());
		command.addAll(List.of("-jar", jar().toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		return new JarProcess(builder.start(), log);
	}

	/**
	 * Starts a command line as glm-batch printed it (a resume hint:
	 * {@code java -jar PATH restart 3}) in {@code workDir}, its words split at spaces and
	 * {@code java} being this JVM's; the process's {@code user.home} is {@code home},
	 * given through {@code JAVA_TOOL_OPTIONS} so that the command runs exactly as
	 * printed.
	 */
	public static JarProcess startPrinted(Path workDir, Path home, Path log, Map<String, String> env, String printed)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(printed.strip().split(" +")));
		if (!command.get(0).equals("java")) {
			throw new IllegalArgumentException("not a java command line: " + printed);
		}
		command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		List<String> options = new ArrayList<>(List.of("-Duser.home=" + home.toAbsolutePath()));
		options.addAll(defaultJvmOptions());
		builder.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", options));
		return new JarProcess(builder.start(), log);
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** Everything the process has printed so far. */
	public String output() {
		synchronized (lines) {
			return String.join("\n", lines);
		}
	}

	/**
	 * Waits for a line matching {@code pattern} and returns its first group.
	 * @throws AssertionError when the process ends or the time passes first, with its
	 * output
	 */
	public String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Matcher matcher = pattern.matcher("");
		int seen = 0;
		while (System.nanoTime() < deadline) {
			synchronized (lines) {
				for (; seen < lines.size(); seen++) {
					if (matcher.reset(lines.get(seen)).find()) {
						return matcher.group(1);
					}
				}
			}
			if (!process.isAlive()) {
				throw new AssertionError("The process ended (exit " + process.exitValue() + ") before printing "
						+ pattern + ":\n" + output());
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No line matching " + pattern + " within " + timeout + ":\n" + output());
	}

	/**
	 * Waits for the process to end and its output to be read to the end.
	 * @return whether it ended within {@code timeout}
	 */
	public boolean waitFor(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		drain.join(10_000);
		return true;
	}

	/** The exit code of the ended process. */
	public int exitValue() {
		return process.exitValue();
	}

	/**
	 * Asks the process to stop with SIGTERM, as Ctrl-C or a service manager does; does
	 * not wait.
	 */
	public void terminate() {
		// through the handle: Process.destroy() would also close our end of its output,
		// losing what it prints next
		process.toHandle().destroy();
	}

	/** Kills the process with SIGKILL and waits until it is gone and its output read. */
	public void kill() throws InterruptedException {
		process.toHandle().destroyForcibly();
		if (!waitFor(Duration.ofSeconds(30))) {
			throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL");
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}

	private void copyOutput(Path log) {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				synchronized (lines) {
					lines.add(line);
				}
				Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}
		catch (IOException ex) {
			// the process was killed: its output ends here
		}
	}

}
