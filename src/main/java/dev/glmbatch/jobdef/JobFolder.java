package dev.glmbatch.jobdef;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The folder of a job file, against which the file's relative paths resolve.
 * <p>
 * Resolving against the job file rather than the working directory makes a job behave the
 * same wherever it is started from (a shell, cron, a service manager).
 */
final class JobFolder {

	private final Path folder;

	JobFolder(Path jobFile) {
		Path parent = jobFile.toAbsolutePath().getParent();
		this.folder = (parent != null) ? parent : jobFile.toAbsolutePath().getRoot();
	}

	/**
	 * The absolute, normalised form of {@code written}, or the problem reported in
	 * {@code section} at {@code at}.
	 */
	Bound<Path> resolve(String written, YamlNode at, YamlSection section) {
		if (written.startsWith("~")) {
			return section.invalid(at, "'" + written + "' starts with ~, which is not expanded to a home folder",
					"write the full path, or a path relative to the job file's folder " + folder);
		}
		try {
			return Bound.of(folder.resolve(written).normalize());
		}
		catch (InvalidPathException ex) {
			return section.invalid(at, "'" + written + "' is not a valid path: " + ex.getReason(),
					"write a file path, absolute or relative to the job file's folder " + folder);
		}
	}

}
