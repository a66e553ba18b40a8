package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;

/**
 * Writes a translation job and its CSV input into a folder:
 * {@code aTranslationJob(dir).withRows(100).write()}. Row {@code i} is
 * {@code P<i>,Product <i>,Description number <i>}; extra raw lines can be appended.
 */
public final class TranslationJobFixture {

	private final Path dir;

	private String name = "test-translate";

	private int rows = 10;

	private int chunkSize = 5;

	private int concurrency = 4;

	private String thinking = "disabled";

	private String model = "glm-4.5-air";

	private List<String> languages = List.of("fr", "de");

	private final List<String> extraLines = new ArrayList<>();

	private String modeLine = "";

	private TranslationJobFixture(Path dir) {
		this.dir = dir;
	}

	/**
	 * A job of {@code rows} rows into French, in chunks of 20, written to {@code dir}
	 * under a name that starts with {@code name} and is new at every call: the job of the
	 * tests in which several processes share one state database.
	 */
	public static TranslationJobFixture writtenInFrench(Path dir, String name, int rows, int concurrency) {
		TranslationJobFixture job = aTranslationJob(dir).named(name + "-" + System.nanoTime())
			.withRows(rows)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(concurrency);
		job.write();
		return job;
	}

	public static TranslationJobFixture aTranslationJob(Path dir) {
		return new TranslationJobFixture(dir);
	}

	public TranslationJobFixture named(String jobName) {
		this.name = jobName;
		return this;
	}

	public TranslationJobFixture withRows(int count) {
		this.rows = count;
		return this;
	}

	public TranslationJobFixture withChunkSize(int size) {
		this.chunkSize = size;
		return this;
	}

	public TranslationJobFixture withConcurrency(int count) {
		this.concurrency = count;
		return this;
	}

	public TranslationJobFixture withModel(String id) {
		this.model = id;
		return this;
	}

	public TranslationJobFixture withThinking(String mode) {
		this.thinking = mode;
		return this;
	}

	public TranslationJobFixture withLanguages(String... codes) {
		this.languages = List.of(codes);
		return this;
	}

	/** The job's {@code mode} line, e.g. {@code batch}; absent by default (sync). */
	public TranslationJobFixture withMode(String written) {
		modeLine = "mode: " + written + "\n";
		return this;
	}

	/** Appends a raw CSV line after the generated rows (e.g. a ragged row). */
	public TranslationJobFixture withRawLine(String line) {
		extraLines.add(line);
		return this;
	}

	public Path inputFile() {
		return dir.resolve("input/" + name + ".csv");
	}

	public Path outputFile() {
		return dir.resolve("output/" + name + ".csv");
	}

	public Path rejectFile() {
		return dir.resolve("output/" + name + "-rejects.csv");
	}

	public Path jobFile() {
		return dir.resolve("jobs/" + name + ".yaml");
	}

	public static String name(int row) {
		return "Product " + row;
	}

	/**
	 * The job as a run reads it from its file; the input and the job file are written
	 * first unless the job file is there already.
	 */
	public JobDefinition definition() {
		return JobDefinitionLoader.load(Files.exists(jobFile()) ? jobFile() : write());
	}

	/** Writes the input and the job file; returns the job file. */
	public Path write() {
		try {
			Files.createDirectories(inputFile().getParent());
			Files.createDirectories(jobFile().getParent());
			StringBuilder csv = new StringBuilder("sku,name,description\n");
			for (int i = 1; i <= rows; i++) {
				csv.append("P")
					.append(i)
					.append(',')
					.append(name(i))
					.append(",Description number ")
					.append(i)
					.append('\n');
			}
			extraLines.forEach(line -> csv.append(line).append('\n'));
			Files.writeString(inputFile(), csv, StandardCharsets.UTF_8);
			Files.writeString(jobFile(), """
					name: %s
					input:
					  path: ../input/%s.csv
					task:
					  type: translate
					  columns: [name]
					  to: [%s]
					model: %s
					thinking: %s
					chunk-size: %d
					concurrency: %d
					output:
					  path: ../output/{job}.csv
					  rejects: ../output/{job}-rejects.csv
					""".formatted(name, name, String.join(", ", languages), model, thinking, chunkSize, concurrency)
					+ modeLine, StandardCharsets.UTF_8);
			return jobFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
