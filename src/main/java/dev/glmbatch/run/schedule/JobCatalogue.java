package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.JobFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job files of the jobs folder, loaded. An invalid file is kept as an entry with its
 * problem, so that it is reported and the other jobs stay in service. Thread-safe:
 * readers see one complete load at a time.
 */
public class JobCatalogue {

	private static final Logger log = LoggerFactory.getLogger(JobCatalogue.class);

	private final Path folder;

	private volatile Map<String, CatalogueEntry> entries = Map.of();

	private volatile Map<Path, String> fingerprints = Map.of();

	JobCatalogue(Path folder) {
		this.folder = folder.toAbsolutePath().normalize();
	}

	public Path folder() {
		return folder;
	}

	public List<CatalogueEntry> entries() {
		return List.copyOf(entries.values());
	}

	public Optional<CatalogueEntry> find(String name) {
		return Optional.ofNullable(entries.get(name));
	}

	/** Whether a job file was added, removed or changed since the last load. */
	boolean hasChanged() {
		return !fingerprint().equals(fingerprints);
	}

	/** Loads every job file again; returns the new entries. */
	synchronized List<CatalogueEntry> reload() {
		Map<Path, String> seen = fingerprint();
		Map<String, CatalogueEntry> loaded = new LinkedHashMap<>();
		for (Path file : seen.keySet()) {
			CatalogueEntry entry = load(file);
			CatalogueEntry clash = loaded.get(entry.name());
			if (clash != null) {
				entry = new CatalogueEntry(String.valueOf(file.getFileName()), file, null, "job name '" + entry.name()
						+ "' is also used by " + clash.file() + "; give each job a name of its own (name: ...)");
			}
			if (entry.problem() != null) {
				log.warn("Job file {} is invalid and out of service: {}", file, entry.problem());
			}
			loaded.put(entry.name(), entry);
		}
		entries = loaded;
		fingerprints = seen;
		log.info("Loaded {} job file(s) from {}", loaded.size(), folder);
		return List.copyOf(loaded.values());
	}

	private static CatalogueEntry load(Path file) {
		try {
			JobFile job = JobDefinitionLoader.loadJobFile(file);
			return new CatalogueEntry(job.name(), file, job, null);
		}
		catch (JobDefinitionException ex) {
			return new CatalogueEntry(String.valueOf(file.getFileName()), file, null, ex.getMessage());
		}
	}

	/** Job files by path, each with its size and modification time. */
	private Map<Path, String> fingerprint() {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
			stream.forEach(files::add);
		}
		catch (NoSuchFileException ex) {
			return Map.of();
		}
		catch (IOException ex) {
			log.warn("Cannot list the jobs folder {}: {}", folder, ex.getMessage());
			return fingerprints;
		}
		files.sort(null);
		Map<Path, String> result = new LinkedHashMap<>();
		for (Path file : files) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				if (attributes.isRegularFile()) {
					result.put(file.toAbsolutePath().normalize(),
							attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
				}
			}
			catch (IOException ex) {
				// vanished between listing and reading: the next check sees it gone
			}
		}
		return result;
	}

}
