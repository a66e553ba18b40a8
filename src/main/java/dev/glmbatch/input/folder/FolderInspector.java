package dev.glmbatch.input.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Inspects a folder input: lists the selected files and checksums each, so that a changed
 * file changes the input's checksum. No document is opened as a document here.
 */
public final class FolderInspector {

	private FolderInspector() {
	}

	/**
	 * @throws InputFormatException when the folder is missing or unreadable, or no file
	 * matches
	 */
	public static InputInspection inspect(InputSpec spec) {
		Path folder = spec.path();
		var selection = Objects.requireNonNull(spec.folder(), "not a folder input");
		List<String> files = FolderListing.files(folder, selection);
		if (files.isEmpty()) {
			throw new InputFormatException(folder, 0, null, -1, "no file in the folder matches " + selection.describe(),
					"Put the documents in the folder, or check pattern in the job file's input section");
		}
		MessageDigest digest = FolderListing.newDigest();
		long bytes = 0;
		for (String relative : files) {
			Map<String, String> columns = columnsOf(folder, relative);
			bytes += Long.parseLong(columns.get("bytes"));
			digest.update((relative + '\u0000' + columns.get("sha256") + '\n').getBytes(StandardCharsets.UTF_8));
		}
		return new InputInspection(folder, HexFormat.of().formatHex(digest.digest()), bytes, ',', FolderListing.COLUMNS,
				files.size());
	}

	private static Map<String, String> columnsOf(Path folder, String relative) {
		try {
			return FolderListing.columns(folder, relative);
		}
		catch (IOException ex) {
			throw new InputFormatException(folder.resolve(relative), 0, null, -1,
					"the file cannot be read (" + ex.getMessage() + ")",
					"Give the user running the job read access to it, or move it out of the folder", ex);
		}
	}

}
