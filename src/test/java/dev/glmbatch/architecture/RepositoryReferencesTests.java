package dev.glmbatch.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code, comments, tests and documentation cite only what is in the repository: a reader
 * cannot follow a reference to a design note kept elsewhere, so what such a note says
 * belongs in {@code docs/} or in place.
 */
class RepositoryReferencesTests {

	/**
	 * The names of the team's design notes, kept outside the repository: a file name is
	 * each of these with {@code .md}. Written here without that ending, so that this file
	 * does not itself name them.
	 */
	private static final List<String> NOTES = List.of("glm-api", "glm-2026", "scale-out", "reliability", "STYLE",
			"stack", "market");

	/** A citation of one of those notes, or of the folder they live in. */
	private static final Pattern OUTSIDE_NOTE = Pattern
		.compile("(?<![\\w-])(" + String.join("|", NOTES) + ")\\.md\\b|(?<![\\w.-])shared/|\\.\\./shared\\b");

	private static final Path THIS_FILE = Path.of("src/test/java/dev/glmbatch/architecture",
			RepositoryReferencesTests.class.getSimpleName() + ".java");

	@Test
	void nothingCitesADocumentOutsideTheRepository() throws IOException {
		List<String> citations = new ArrayList<>();
		for (Path root : List.of(Path.of("src"), Path.of("docs"), Path.of("jobs"), Path.of("README.md"),
				Path.of("pom.xml"), Path.of(".ci"))) {
			if (!Files.exists(root)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(root)) {
				files.filter(Files::isRegularFile)
					.filter(file -> !file.normalize().equals(THIS_FILE))
					.forEach(file -> citations.addAll(citationsIn(file)));
			}
		}
		assertThat(citations).as("references to documents outside the repository").isEmpty();
	}

	@Test
	void recognisesTheCitations() {
		assertThat(OUTSIDE_NOTE.matcher("as " + note("glm-api") + " says").find()).isTrue();
		assertThat(OUTSIDE_NOTE.matcher("see ../" + "shared/" + note("STYLE")).find()).isTrue();
		assertThat(OUTSIDE_NOTE.matcher("(" + note("reliability") + ")").find()).isTrue();
		assertThat(OUTSIDE_NOTE.matcher("the shared row reader; docs/simulator-rules.md").find()).isFalse();
		assertThat(OUTSIDE_NOTE.matcher("a technology stack.").find()).isFalse();
	}

	private static String note(String name) {
		return name + ".md";
	}

	private static List<String> citationsIn(Path file) {
		List<String> found = new ArrayList<>();
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (MalformedInputException ex) {
			return found; // a binary file (a workbook, a document) cites nothing
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (int i = 0; i < lines.size(); i++) {
			if (OUTSIDE_NOTE.matcher(lines.get(i)).find()) {
				found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
			}
		}
		return found;
	}

}
