package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Writes a scheduled job that sweeps {@code input/incoming/*.csv} under a folder,
 * translating column {@code name} to French into {@code output/{job}-{input}.csv}, and
 * drops CSV files into its incoming folder as a client would:
 * {@code aSweepJob(dir).named("nightly").write(); job.drop("a.csv", "A", 10)}.
 */
public final class SweepJobFixture {

	private final Path dir;

	private String name = "nightly";

	private String cron = "*/2 * * * * *";

	private @Nullable String zone;

	private String missed = "skip";

	private boolean movesProcessedFiles = true;

	private int chunkSize = 4;

	private int concurrency = 2;

	private SweepJobFixture(Path dir) {
		this.dir = dir;
	}

	/**
	 * A job named {@code nightly} that fires every two seconds, skips missed triggers and
	 * moves processed files.
	 */
	public static SweepJobFixture aSweepJob(Path dir) {
		return new SweepJobFixture(dir);
	}

	public SweepJobFixture named(String jobName) {
		this.name = jobName;
		return this;
	}

	/** A Spring cron expression, seconds first. */
	public SweepJobFixture withCron(String expression) {
		this.cron = expression;
		return this;
	}

	public SweepJobFixture withZone(String zoneId) {
		this.zone = zoneId;
		return this;
	}

	/** {@code skip} or {@code run-once}. */
	public SweepJobFixture withMissed(String triggers) {
		this.missed = triggers;
		return this;
	}

	/** No {@code processed} folder: swept files stay in the incoming folder. */
	public SweepJobFixture keepingProcessedFiles() {
		this.movesProcessedFiles = false;
		return this;
	}

	public SweepJobFixture withChunkSize(int size) {
		this.chunkSize = size;
		return this;
	}

	public SweepJobFixture withConcurrency(int count) {
		this.concurrency = count;
		return this;
	}

	public Path jobFile() {
		return dir.resolve("jobs/" + name + ".yaml");
	}

	public Path incoming() {
		return dir.resolve("input/incoming");
	}

	public Path processed() {
		return dir.resolve("input/processed");
	}

	/**
	 * What the job writes for a dropped file, e.g. {@code output/nightly-a.csv} for
	 * {@code a.csv}.
	 */
	public Path outputFor(String inputFile) {
		return dir.resolve("output/" + name + "-" + inputFile.substring(0, inputFile.lastIndexOf('.')) + ".csv");
	}

	/** Writes the job file and creates its incoming folder; returns the job file. */
	public Path write() {
		StringBuilder yaml = new StringBuilder();
		yaml.append("name: ").append(name).append('\n');
		yaml.append("input:\n  pattern: ../input/incoming/*.csv\n");
		if (movesProcessedFiles) {
			yaml.append("  processed: ../input/processed\n");
		}
		yaml.append("task:\n  type: translate\n  columns: [name]\n  to: [fr]\n");
		yaml.append("chunk-size: ").append(chunkSize).append('\n');
		yaml.append("concurrency: ").append(concurrency).append('\n');
		yaml.append("output:\n  path: ../output/{job}-{input}.csv\n");
		yaml.append("schedule:\n  cron: \"").append(cron).append("\"\n");
		if (zone != null) {
			yaml.append("  zone: ").append(zone).append('\n');
		}
		yaml.append("  missed: ").append(missed).append('\n');
		try {
			Files.createDirectories(jobFile().getParent());
			Files.createDirectories(incoming());
			return Files.writeString(jobFile(), yaml, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Drops a CSV file of {@code rows} rows into the incoming folder, written under a
	 * temporary name and renamed, as a client should, so that no trigger sees half a
	 * file. Row {@code i} is {@code <skuPrefix><i>,Product <file> <i>,Description <i>}:
	 * no two rows of two files ask the same.
	 */
	public void drop(String file, String skuPrefix, int rows) {
		StringBuilder csv = new StringBuilder("sku,name,description\n");
		for (int i = 1; i <= rows; i++) {
			csv.append(skuPrefix)
				.append(i)
				.append(",Product ")
				.append(file)
				.append(' ')
				.append(i)
				.append(",Description ")
				.append(i)
				.append('\n');
		}
		Path partial = incoming().resolve(file + ".part");
		try {
			Files.writeString(partial, csv, StandardCharsets.UTF_8);
			Files.move(partial, incoming().resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
