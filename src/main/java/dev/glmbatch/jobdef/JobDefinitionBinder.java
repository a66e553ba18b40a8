package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.ReasoningEffort;

/** Binds the top level of a job file to a {@link JobDefinition}, delegating each section to its binder. */
final class JobDefinitionBinder {

	static final List<String> KEYS = List.of("name", "input", "task", "model", "thinking", "reasoning-effort",
			"chunk-size", "concurrency", "max-in-flight", "output", "schedule", "budget");

	static final String NAME_PATTERN = "[A-Za-z0-9_-]{1,64}";

	static final String DEFAULT_MODEL = "glm-4.5-air";

	static final int DEFAULT_CHUNK_SIZE = 20;

	static final int MAX_CHUNK_SIZE = 10_000;

	static final int DEFAULT_CONCURRENCY = 4;

	static final int MAX_CONCURRENCY = 256;

	private static final String MODEL_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

	private static final Map<String, ThinkingMode> THINKING = YamlSection.lowerCaseNames(ThinkingMode.class);

	private static final Map<String, ReasoningEffort> EFFORTS = YamlSection.lowerCaseNames(ReasoningEffort.class);

	static final int MAX_IN_FLIGHT = 10_000;

	private JobDefinitionBinder() {
	}

	/** The job, or {@code null} when {@code problems} holds anything (found here or before). */
	static @Nullable JobDefinition bind(YamlMap root, Path file, Problems problems) {
		JobFile jobFile = bindFile(root, file, problems);
		return (jobFile != null) ? jobFile.definition() : null;
	}

	/** The job with its schedule and input pattern, or {@code null} when {@code problems} holds anything. */
	static @Nullable JobFile bindFile(YamlMap root, Path file, Problems problems) {
		SecretKeys.refuse(root, Set.of(TaskSpecBinder.GLOSSARY_PATH), problems);
		YamlSection job = new YamlSection(root, problems);
		job.allowOnly(KEYS);
		JobFolder folder = new JobFolder(file);
		String name = name(job, file, problems);
		YamlSection inputSection = job.section("input", true, "input: {path: ../input/products.csv}");
		InputPattern pattern = (inputSection != null) ? InputPatternBinder.bind(inputSection, folder, problems) : null;
		InputSpec input = (inputSection != null) ? InputSpecBinder.bind(inputSection, folder, pattern, problems)
				: null;
		YamlSection taskSection = job.section("task", true,
				"task: {type: translate, columns: [name], to: [fr]}");
		boolean folderInput = inputSection != null && inputSection.has(FolderInputBinder.FOLDER);
		TaskSpec task = (taskSection != null) ? TaskSpecBinder.bind(taskSection, folder, folderInput,
				(input != null && input.isFolder()) ? input.path() : null, problems) : null;
		String model = model(job, problems);
		ThinkingMode thinking = thinking(job, problems);
		ReasoningEffort effort = job.choice("reasoning-effort", EFFORTS, null, "a reasoning effort",
				"reasoning-effort: low");
		Integer maxInFlight = (model != null) ? maxInFlight(job, model, problems) : null;
		Integer chunkSize = job.integer("chunk-size", 1, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
		Integer concurrency = job.integer("concurrency", 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY);
		YamlSection outputSection = job.section("output", true, "output: {path: ../output/{job}-{date}.csv}");
		boolean byPattern = inputSection != null && inputSection.has("pattern") && (input == null || !input.isFolder());
		OutputSpec output = (outputSection != null) ? OutputSpecBinder.bind(outputSection, folder, name,
				(input != null && !byPattern) ? input.path() : null, problems) : null;
		if (byPattern && output != null && outputSection != null && !output.namesInput()) {
			problems.add(outputSection.nodeOrSelf(output.path().contains(OutputSpec.INPUT) ? "rejects" : "path"),
					"the input is a pattern, so several files would write the same output",
					"put {input} (the input file's name) in the output path and the rejects path, e.g."
							+ " path: ../output/{job}-{input}.csv");
		}
		if (output != null && output.documents() != null && outputSection != null && input != null && task != null
				&& !(input.isFolder() && task instanceof SummariseSpec)) {
			problems.add(outputSection.nodeOrSelf(DocumentOutputBinder.KEY),
					"documents writes a Markdown summary per file of a folder input, but this job does not summarise"
							+ " a folder",
					"remove documents, or read input: {folder: ..., pattern: ...} with task: {type: summarise}");
		}
		YamlSection scheduleSection = job.section("schedule", false, "schedule: {cron: \"0 0 2 * * *\"}");
		Schedule schedule = (scheduleSection != null) ? ScheduleBinder.bind(scheduleSection, problems) : null;
		Budget budget = BudgetBinder.bind(job, problems);
		if (!problems.isEmpty() || budget == null || name == null || input == null || task == null || model == null
				|| thinking == null || chunkSize == null || concurrency == null || output == null) {
			return null;
		}
		return new JobFile(
				new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget,
						effort, maxInFlight),
				schedule, pattern);
	}

	private static @Nullable String name(YamlSection job, Path file, Problems problems) {
		String rule = "letters, digits, - and _ only, at most 64";
		if (job.has("name")) {
			String name = job.text("name", false, "name: translate-products");
			if (name != null && !name.matches(NAME_PATTERN)) {
				problems.add(job.nodeOrSelf("name"), "'" + name + "' is not a valid job name (" + rule + ")",
						"write e.g. name: " + validName(name));
				return null;
			}
			return name;
		}
		String fromFile = Extensions.withoutExtension(String.valueOf(file.getFileName()));
		if (!fromFile.matches(NAME_PATTERN)) {
			problems.add("name", 0, "no name is given, and the file name '" + fromFile
					+ "' is not a valid job name (" + rule + ")",
					"add name: " + validName(fromFile) + " at the top level, or rename the file");
			return null;
		}
		return fromFile;
	}

	private static String validName(String invalid) {
		String cleaned = invalid.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
		cleaned = cleaned.substring(0, Math.min(cleaned.length(), 64));
		return cleaned.isEmpty() ? "my-job" : cleaned;
	}

	private static @Nullable String model(YamlSection job, Problems problems) {
		if (!job.has("model")) {
			return DEFAULT_MODEL;
		}
		String model = job.text("model", false, "model: " + DEFAULT_MODEL);
		if (model == null || model.matches(MODEL_PATTERN)) {
			return model;
		}
		String lowerCase = model.strip().toLowerCase(Locale.ROOT);
		problems.add(job.nodeOrSelf("model"), "'" + model + "' is not a model id (lower-case letters, digits, . - _)",
				lowerCase.matches(MODEL_PATTERN) ? "write it in lower case: model: " + lowerCase
						: "use a GLM model id, e.g. model: " + DEFAULT_MODEL);
		return null;
	}

	/**
	 * {@code max-in-flight}: one number, or a limit per model id of which the job's model must be one; {@code null}
	 * when absent or invalid.
	 */
	private static @Nullable Integer maxInFlight(YamlSection job, String model, Problems problems) {
		if (!(job.node("max-in-flight") instanceof YamlMap perModel)) {
			return job.has("max-in-flight") ? job.integer("max-in-flight", 1, MAX_IN_FLIGHT, 1) : null;
		}
		YamlSection limits = new YamlSection(perModel, problems);
		if (!limits.has(model)) {
			problems.add(perModel, "max-in-flight gives no limit for the job's model " + model
					+ " (it names " + String.join(", ", perModel.entries().keySet()) + ")",
					"add " + model + ": N under max-in-flight, or give one number: max-in-flight: 8");
			return null;
		}
		return limits.integer(model, 1, MAX_IN_FLIGHT, 1);
	}

	private static @Nullable ThinkingMode thinking(YamlSection job, Problems problems) {
		if (job.node("thinking") instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
			problems.add(scalar, "thinking takes a word, not " + scalar.text(),
					"write thinking: " + (Boolean.parseBoolean(scalar.text()) ? "enabled" : "disabled")
							+ " (one of: " + String.join(", ", THINKING.keySet()) + ")");
			return null;
		}
		// the default suits short translations and fixed labels: thinking would add cost and latency, not quality
		return job.choice("thinking", THINKING, ThinkingMode.DISABLED, "a thinking mode", "thinking: disabled");
	}

}
