package dev.glmbatch.output.markdown;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.glmbatch.output.PartialFile;

/**
 * Writes the summary of each document of a folder input to a Markdown file of its own: a
 * heading with the document's name, the summary, then a line naming the source file
 * (path, size, modification time, checksum) and the number of sections. Each file is
 * written beside its target and renamed into place, like every output. When two documents
 * would get the same file ({@code a.pdf} and {@code a.html} under {@code {name}.md}), the
 * later one in row order gets {@code -2} (then {@code -3}, ...) before the extension, so
 * that writing them again gives the same files. Not thread-safe.
 */
public final class MarkdownSummaries {

	private final Function<String, Path> targetOf;

	private final Set<Path> written = new HashSet<>();

	/**
	 * @param targetOf the file of a document, from its path in the input folder
	 */
	public MarkdownSummaries(Function<String, Path> targetOf) {
		this.targetOf = Objects.requireNonNull(targetOf, "targetOf");
	}

	/**
	 * Writes the file of one summarised document.
	 * @param input the document's row: {@code path}, {@code name}, {@code bytes},
	 * {@code modified}, {@code sha256}
	 * @param outputs the task's outputs: {@code summary} and {@code sections}
	 * @return the file written
	 */
	public Path write(Map<String, String> input, Map<String, String> outputs) {
		String path = input.getOrDefault("path", "");
		Path target = unique(targetOf.apply(path).toAbsolutePath().normalize());
		try (PartialFile file = PartialFile.create(target)) {
			Writer writer = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
			writer.write("# " + input.getOrDefault("name", path) + "\n\n");
			writer.write(outputs.getOrDefault("summary", "").strip() + "\n\n");
			writer.write("---\n\n");
			writer.write("Source: `" + path + "`, " + input.getOrDefault("bytes", "?") + " bytes, modified "
					+ input.getOrDefault("modified", "?") + ", SHA-256 `" + input.getOrDefault("sha256", "?") + "`; "
					+ "summarised in " + outputs.getOrDefault("sections", "1") + " section(s).\n");
			return file.publish(writer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	private Path unique(Path target) {
		Path candidate = target;
		String name = String.valueOf(target.getFileName());
		int dot = name.lastIndexOf('.');
		for (int n = 2; !written.add(candidate); n++) {
			String numbered = (dot > 0) ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
			candidate = target.resolveSibling(numbered);
		}
		return candidate;
	}

}
