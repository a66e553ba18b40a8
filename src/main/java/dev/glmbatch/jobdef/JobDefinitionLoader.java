package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a job file (YAML) into a validated {@link JobDefinition}.
 * <p>
 * The format, with kebab-case keys:
 *
 * <pre>
 * name: translate-products            # optional; default: the file name without extension; [A-Za-z0-9_-]{1,64}
 * input:
 *   path: ../input/products.csv       # required
 *   format: csv                       # optional; default from the extension: .csv, .tsv, .txt are csv
 *   encoding: UTF-8                   # optional, default UTF-8; any charset Java knows
 *   delimiter: auto                   # optional: auto (default, detected from the header), tab, or one character
 *   id-column: sku                    # optional; identifies rows in the output instead of row numbers
 * task:
 *   type: translate                   # required; translate is the only type today
 *   columns: [name, description]      # required, non-empty, no duplicates; must exist in the input header
 *   to: [fr, de, ja]                  # required, non-empty, no duplicates; language codes or names
 *   from: en                          # optional; default: the model detects the language
 *   glossary: {"Smart Hub": "Smart Hub"}  # optional; term: required translation
 *   do-not-translate: [ACME, USB-C]   # optional; terms copied unchanged
 *   tone: neutral and concise         # optional
 * model: glm-4.5-air                  # optional, default glm-4.5-air; a lower-case model id
 * thinking: disabled                  # optional: disabled (default for translate), enabled or auto
 * chunk-size: 20                      # optional, default 20, 1..10000; rows per committed chunk
 * concurrency: 4                      # optional, default 4, 1..256; GLM calls in flight; at most chunk-size
 * output:
 *   path: ../output/{job}-{date}.csv  # required; {job} and {date} (yyyy-MM-dd) are replaced at run time
 *   format: csv                       # optional; default from the extension (.csv)
 *   rejects: ../output/{job}-{date}-rejects.csv  # optional; default: output path, -rejects before the extension
 * schedule:                           # optional; used by the service (serve) only
 *   cron: "0 0 2 * * *"               # required; Spring cron, six fields, seconds first
 *   zone: Europe/Paris                # optional, default: the server's time zone
 *   missed: run-once                  # optional: run-once (default; one catch-up trigger at start-up) or skip
 * budget:                             # optional; no cap when absent; usd, tokens or both
 *   usd: 5.00                         # stop (restartable) before the run's GLM cost would pass $5.00
 *   tokens: 2000000                   # stop before its prompt + completion tokens would pass 2 million
 * </pre>
 *
 * For the service, {@code input.pattern} may replace {@code input.path}:
 * {@code pattern: ../input/incoming/*.csv} (wildcards in the file name only) processes
 * each new matching file once, and {@code processed: ../input/processed} moves completed
 * files there. The output templates must then contain {@code {input}}, the input file's
 * name without extension, so that each file gets outputs of its own; {@code {input}} is
 * allowed in any job.
 *
 * Rules beyond the comments above:
 * <ul>
 * <li>Relative paths resolve against the folder of the job file, not the working
 * directory, so that a job behaves the same wherever it is started from (e.g. under
 * cron). The records hold absolute, normalised paths; output paths stay templates with
 * their placeholders. Input files are not required to exist yet: that is checked when a
 * run starts.</li>
 * <li>Unknown keys are errors (with the likely intended key when it looks like a typo),
 * and so are duplicate keys, YAML aliases, several documents in one file, empty values
 * and values of the wrong type.</li>
 * <li>An API key is refused wherever it appears ({@code api-key}, {@code apiKey},
 * {@code key}, ...): it comes from the {@code ZAI_API_KEY} environment variable only.
 * Glossary terms are data and exempt.</li>
 * <li>Neither the output nor the rejects file may be the input file, on any run date; the
 * comparison ignores case.</li>
 * </ul>
 * All problems of a file are reported together in one {@link JobDefinitionException},
 * each with its YAML path, its line and a fix. Thread-safe.
 */
public final class JobDefinitionLoader {

	private static final Logger log = LoggerFactory.getLogger(JobDefinitionLoader.class);

	/**
	 * Far above any real job file; a larger file is most likely the input given by
	 * mistake.
	 */
	private static final long MAX_FILE_BYTES = 1024 * 1024;

	private JobDefinitionLoader() {
	}

	/**
	 * Reads and validates a job file.
	 * @param jobFile the YAML file, absolute or relative to the working directory
	 * @return the validated job; its {@code file} is the absolute, normalised
	 * {@code jobFile}
	 * @throws JobDefinitionException when the file is missing, unreadable, not YAML or
	 * invalid, listing every problem
	 */
	public static JobDefinition load(Path jobFile) {
		return loadJobFile(jobFile).definition();
	}

	/**
	 * Reads and validates a job file, keeping what only the service uses: its schedule
	 * and input pattern.
	 * @param jobFile the YAML file, absolute or relative to the working directory
	 * @return the validated job file
	 * @throws JobDefinitionException when the file is missing, unreadable, not YAML or
	 * invalid, listing every problem
	 */
	public static JobFile loadJobFile(Path jobFile) {
		Path file = jobFile.toAbsolutePath().normalize();
		return bind(file, read(file));
	}

	/**
	 * Validates a job file's text as read earlier from {@code jobFile}, for a process
	 * that has the text but not the file (a worker of a distributed run): paths in it
	 * resolve against {@code jobFile}'s folder, as they did where it was read.
	 * @throws JobDefinitionException when the text is not YAML or not a valid job
	 */
	public static JobDefinition loadText(Path jobFile, String text) {
		return bind(jobFile.toAbsolutePath().normalize(), text).definition();
	}

	private static JobFile bind(Path file, String text) {
		Problems problems = new Problems(file);
		YamlNode root = YamlTreeReader.read(text, problems);
		if (root instanceof YamlMap map) {
			JobFile job = JobDefinitionBinder.bindFile(map, file, problems).orNull();
			if (job != null && problems.isEmpty()) {
				log.debug("Loaded job '{}' from {}", job.name(), file);
				return job;
			}
		}
		else if (root != null) {
			problems.add(root,
					"a job file is a mapping of keys (input, task, output, ...), but this one holds " + root.describe(),
					"write the job as key: value lines, starting with input:, task: and output:");
		}
		throw problems.toException();
	}

	/**
	 * The text of a job file, as {@link #loadText} takes it.
	 * @throws JobDefinitionException when the file is missing or unreadable
	 */
	public static String readText(Path jobFile) {
		return read(jobFile.toAbsolutePath().normalize());
	}

	private static String read(Path file) {
		try {
			if (Files.isDirectory(file)) {
				throw fileProblem(file, "this is a folder, not a job file", "name a job file inside it");
			}
			if (Files.size(file) > MAX_FILE_BYTES) {
				throw fileProblem(file, "the file is larger than 1 MB, far too large for a job file",
						"name the job's YAML file here, not its input");
			}
			String content = Files.readString(file, StandardCharsets.UTF_8);
			// editors on Windows may save a byte order mark, which is no part of the YAML
			return content.startsWith("\uFEFF") ? content.substring(1) : content;
		}
		catch (NoSuchFileException ex) {
			throw fileProblem(file, "the job file does not exist", "check the file name and its folder");
		}
		catch (AccessDeniedException ex) {
			throw fileProblem(file, "the job file cannot be read: permission denied",
					"let the user running glm-batch read it");
		}
		catch (CharacterCodingException ex) {
			throw fileProblem(file, "the job file is not UTF-8 text", "save it with the UTF-8 encoding");
		}
		catch (IOException ex) {
			throw fileProblem(file, "the job file cannot be read: " + ex.getMessage(),
					"check that it is a readable file");
		}
	}

	private static JobDefinitionException fileProblem(Path file, String problem, String fix) {
		return new JobDefinitionException(file, JobFileProblem.at("", 0, problem, fix));
	}

}
