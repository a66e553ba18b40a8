package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.util.Objects;

import dev.glmbatch.jobdef.JobFile;
import org.jspecify.annotations.Nullable;

/**
 * One job file of the catalogue: either loaded, or with the problem that keeps it out of
 * service.
 *
 * @param name the job name, or the file name when the file is invalid
 * @param file the job file, absolute
 * @param job the loaded job, or {@code null} when invalid
 * @param problem why the file is invalid (YAML path, line and fix for each problem), or
 * {@code null}
 */
public record CatalogueEntry(String name, Path file, @Nullable JobFile job, @Nullable String problem) {

	public CatalogueEntry {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		if ((job == null) == (problem == null)) {
			throw new IllegalArgumentException("an entry has either a job or a problem");
		}
	}

}
