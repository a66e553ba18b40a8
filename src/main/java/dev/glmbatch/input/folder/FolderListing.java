package dev.glmbatch.input.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.FolderSelection;

/**
 * The selected files of an input folder, in row order, and what each row says about its
 * file.
 */
final class FolderListing {

	static final List<String> COLUMNS = List.of("path", "name", "bytes", "modified", "sha256");

	private FolderListing() {
	}

	/**
	 * The selected files, by their path relative to the folder written with {@code /},
	 * sorted.
	 * @throws InputFormatException when the folder does not exist or cannot be listed
	 */
	static List<String> files(Path folder, FolderSelection selection) {
		if (!Files.isDirectory(folder)) {
			throw new InputFormatException(folder, 0, null, -1,
					Files.exists(folder) ? "this is a file, not a folder" : "the folder does not exist",
					"Check folder in the job file's input section");
		}
		List<String> files = new ArrayList<>();
		int depth = selection.searchesSubfolders() ? Integer.MAX_VALUE : 1;
		try {
			Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return (!dir.equals(folder) && isHidden(dir)) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					Path relative = folder.relativize(file);
					if (attributes.isRegularFile() && !isHidden(file) && !isPartial(file)
							&& selection.matches(relative)) {
						files.add(relative.toString().replace(file.getFileSystem().getSeparator(), "/"));
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
					if (file.equals(folder)) {
						throw ex;
					}
					// a file that vanished or cannot be read is not a row; a sub-folder
					// we may not enter neither
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (NoSuchFileException ex) {
			throw new InputFormatException(folder, 0, null, -1, "the folder does not exist",
					"Check folder in the job file's input section", ex);
		}
		catch (IOException ex) {
			throw new InputFormatException(folder, 0, null, -1, "the folder cannot be listed (" + ex.getMessage() + ")",
					"Give the user running the job read access to it", ex);
		}
		files.sort(null);
		return files;
	}

	/** The row of one file. */
	static Map<String, String> columns(Path folder, String relative) throws IOException {
		Path file = folder.resolve(relative);
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("path", relative);
		columns.put("name", relative.substring(relative.lastIndexOf('/') + 1));
		columns.put("bytes", Long.toString(attributes.size()));
		columns.put("modified",
				Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis())
					.truncatedTo(ChronoUnit.SECONDS)
					.toString());
		columns.put("sha256", sha256(file));
		return columns;
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static boolean isHidden(Path path) {
		Path name = path.getFileName();
		return name != null && name.toString().startsWith(".");
	}

	private static boolean isPartial(Path path) {
		String name = String.valueOf(path.getFileName());
		return name.endsWith(".part") || name.endsWith(".tmp");
	}

}
