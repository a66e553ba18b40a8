package dev.glmbatch.jobdef;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The input files of a scheduled job: files in one folder whose names match a glob
 * ({@code *.csv}).
 *
 * @param folder the folder searched, absolute; it need not exist yet
 * @param glob the file-name glob, without any folder part
 * @param processedFolder where completed inputs are moved, absolute; {@code null} leaves
 * them in place
 */
public record InputPattern(Path folder, String glob, @Nullable Path processedFolder) {

	public InputPattern {
		Objects.requireNonNull(folder, "folder");
		Objects.requireNonNull(glob, "glob");
		if (glob.contains("/") || glob.contains("\\")) {
			throw new IllegalArgumentException("glob must name files in one folder, was " + glob);
		}
	}

	/**
	 * The matching regular files, sorted by name so that files are processed in a stable
	 * order. Hidden files and files still named as partial uploads ({@code .part},
	 * {@code .tmp}) are left out.
	 * @throws UncheckedIOException when the folder cannot be listed
	 */
	public List<Path> files() {
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				Path name = entry.getFileName();
				if (name != null && matcher.matches(name) && Files.isRegularFile(entry) && !isPartial(name)) {
					files.add(entry.toAbsolutePath().normalize());
				}
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + folder + ": " + ex.getMessage(), ex);
		}
		files.sort(null);
		return files;
	}

	/** The folder and the glob joined, for messages. */
	public String describe() {
		return folder + File.separator + glob;
	}

	private static boolean isPartial(Path name) {
		String text = name.toString();
		return text.startsWith(".") || text.endsWith(".part") || text.endsWith(".tmp");
	}

}
