package dev.glmbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command that starts this glm-batch, as printed in resume hints: {@code java -jar}
 * and the jar's real path, as the working directory reaches it (relative when that is
 * shorter), so that a hint works when pasted as printed.
 */
final class JarCommand {

	/**
	 * When not started from a jar (from classes, in an IDE or a test): the jar's name as
	 * the build makes it.
	 */
	private static final String FALLBACK_JAR = "glm-batch.jar";

	private JarCommand() {
	}

	/** {@code java -jar PATH}. */
	static String prefix() {
		return "java -jar " + quoted(jarPath());
	}

	/**
	 * The prefix followed by these arguments, each quoted when the shell would split it.
	 */
	static String with(List<String> arguments) {
		return prefix() + arguments.stream().map(JarCommand::quoted).collect(Collectors.joining(" ", " ", ""));
	}

	/**
	 * The jar on the class path of {@code java -jar}, relative to the working directory
	 * when that is shorter.
	 */
	static String jarPath() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
			return FALLBACK_JAR;
		}
		Path jar = Path.of(classPath).toAbsolutePath().normalize();
		Path here = Path.of("").toAbsolutePath();
		String relative = here.relativize(jar).toString();
		return relative.length() < jar.toString().length() ? relative : jar.toString();
	}

	static String quoted(String word) {
		if (!word.isEmpty()
				&& word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@+%".indexOf(c) >= 0)) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
