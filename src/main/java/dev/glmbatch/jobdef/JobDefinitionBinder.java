package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.ReasoningEffort;

/**
 * Binds the top level of a job file to a {@link JobDefinition}, delegating each section
 * to its binder.
 */
final class JobDefinitionBinder {

	static final List<String> KEYS = List.of("name", "input", "task", "model", "thinking", "reasoning-effort",
			"chunk-size", "concurrency", "max-in-flight", "output", "schedule", "budget", "reuse", "mode", "deadline");

	static final String NAME_PATTERN = "[A-Za-z0-9_-]{1,64}";

	static final String DEFAULT_MODEL = "glm-4.5-air";

	static final int DEFAULT_CHUNK_SIZE = 20;

	static final int MAX_CHUNK_SIZE = 10_000;

	static final int DEFAULT_CONCURRENCY = 4;

	static final int MAX_CONCURRENCY = 256;

	private static final String MODEL_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

	private static final Map<String, ThinkingMode> THINKING = YamlSection.lowerCaseNames(ThinkingMode.class);

	private static final Map<String, CallMode.Kind> MODES = YamlSection.lowerCaseNames(CallMode.Kind.class);

	private static final Pattern DEADLINE = Pattern.compile("(\\d{1,6})\\s*([smhd])");

	private static final Map<String, ReasoningEffort> EFFORTS = YamlSection.lowerCaseNames(ReasoningEffort.class);

	static final int MAX_IN_FLIGHT = 10_000;

	private JobDefinitionBinder() {
	}

	/**
	 * The job with its schedule and input pattern; invalid when anything in the file's
	 * sections was. Problems found before binding (while reading the tree) are left to
	 * the caller.
	 */
	static Bound<JobFile> bindFile(YamlMap root, Path file, Problems problems) {
		SecretKeys.refuse(root, Set.of(TaskSpecBinder.GLOSSARY_PATH), problems);
		YamlSection job = new YamlSection(root, problems);
		job.allowOnly(KEYS);
		JobFolder folder = new JobFolder(file);
		Bound<String> name = name(job, file);
		Bound<YamlSection> inputSection = job.requiredSection("input", "input: {path: ../input/products.csv}");
		Bound<InputPattern> pattern = inputSection.then((input) -> InputPatternBinder.bind(input.besideThis(), folder));
		Bound<InputSpec> input = inputSection.then((section) -> InputSpecBinder.bind(section, folder, pattern));
		Bound<TaskSpec> task = job.requiredSection("task", "task: {type: translate, columns: [name], to: [fr]}")
			.then((section) -> TaskSpecBinder.bind(section, folder, inputFolder(inputSection, input)));
		Bound<String> model = model(job);
		Bound<ThinkingMode> thinking = thinking(job);
		Bound<ReasoningEffort> effort = job.choice("reasoning-effort", EFFORTS, "a reasoning effort",
				"reasoning-effort: low");
		Bound<Integer> maxInFlight = model.then((id) -> maxInFlight(job, id));
		Bound<Integer> chunkSize = job.integer("chunk-size", 1, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
		Bound<Integer> concurrency = job.integer("concurrency", 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY);
		// with folder, pattern selects the folder's files, which all write one output
		boolean byPattern = inputSection.isPresent() && inputSection.get().has("pattern")
				&& !inputSection.get().has(FolderInputBinder.FOLDER);
		Bound<OutputSpec> output = job.requiredSection("output", "output: {path: ../output/{job}-{date}.csv}")
			.then((section) -> OutputSpecBinder
				.bind(section, folder, name.orNull(), byPattern ? null : input.map(InputSpec::path).orNull())
				.then((spec) -> byPattern ? apartForEachInput(section, spec) : Bound.of(spec))
				.then((spec) -> documentsOfFolder(section, spec, input.orNull(), task.orNull())));
		Bound<Schedule> schedule = job.section("schedule", "schedule: {cron: \"0 0 2 * * *\"}")
			.then(ScheduleBinder::bind);
		Bound<Budget> budget = BudgetBinder.bind(job);
		Bound<Boolean> reuse = job.flag("reuse", true);
		Bound<CallMode> mode = mode(job);
		return job
			.complete(
					() -> new JobFile(
							new JobDefinition(name.get(), file, input.get(), task.get(), model.get(), thinking.get(),
									chunkSize.get(), concurrency.get(), output.get(), budget.get(), effort.orNull(),
									maxInFlight.orNull(), reuse.get(), mode.get()),
							schedule.orNull(), pattern.orNull()));
	}

	/**
	 * The output of a pattern job, which must name the input file: else every file would
	 * write the same output.
	 */
	private static Bound<OutputSpec> apartForEachInput(YamlSection output, OutputSpec spec) {
		if (spec.namesInput()) {
			return Bound.of(spec);
		}
		return output.invalid(spec.path().contains(OutputSpec.INPUT) ? "rejects" : "path",
				"the input is a pattern, so several files would write the same output",
				"put {input} (the input file's name) in the output path and the rejects path, e.g."
						+ " path: ../output/{job}-{input}.csv");
	}

	/**
	 * The folder of a folder input, for a task that reads its files; no value when the
	 * input is not a folder (or the section is missing), invalid when the folder input
	 * is.
	 */
	private static Bound<Path> inputFolder(Bound<YamlSection> section, Bound<InputSpec> input) {
		YamlSection written = section.orNull();
		return (written != null && written.has(FolderInputBinder.FOLDER)) ? input.map(InputSpec::path) : Bound.absent();
	}

	/**
	 * The output of a job with documents, which writes a Markdown file per document: only
	 * a folder summary can.
	 */
	private static Bound<OutputSpec> documentsOfFolder(YamlSection output, OutputSpec spec, @Nullable InputSpec input,
			@Nullable TaskSpec task) {
		if (spec.documents() == null || input == null || task == null
				|| (input.isFolder() && task instanceof SummariseSpec)) {
			return Bound.of(spec);
		}
		return output.invalid(DocumentOutputBinder.KEY,
				"documents writes a Markdown summary per file of a folder input, but this job does not summarise"
						+ " a folder",
				"remove documents, or read input: {folder: ..., pattern: ...} with task: {type: summarise}");
	}

	private static Bound<String> name(YamlSection job, Path file) {
		String rule = "letters, digits, - and _ only, at most 64";
		if (job.has("name")) {
			return job.text("name", "name: translate-products")
				.then((name) -> name.matches(NAME_PATTERN) ? Bound.of(name)
						: job.invalid("name", "'" + name + "' is not a valid job name (" + rule + ")",
								"write e.g. name: " + validName(name)));
		}
		String fromFile = Extensions.withoutExtension(String.valueOf(file.getFileName()));
		if (!fromFile.matches(NAME_PATTERN)) {
			return Bound.invalid(List.of(job.report(JobFileProblem.at("name", 0,
					"no name is given, and the file name '" + fromFile + "' is not a valid job name (" + rule + ")",
					"add name: " + validName(fromFile) + " at the top level, or rename the file"))));
		}
		return Bound.of(fromFile);
	}

	private static String validName(String invalid) {
		String cleaned = invalid.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
		cleaned = cleaned.substring(0, Math.min(cleaned.length(), 64));
		return cleaned.isEmpty() ? "my-job" : cleaned;
	}

	private static Bound<String> model(YamlSection job) {
		return job.text("model", "model: " + DEFAULT_MODEL).then((model) -> {
			if (model.matches(MODEL_PATTERN)) {
				return Bound.of(model);
			}
			String lowerCase = model.strip().toLowerCase(Locale.ROOT);
			return job.invalid("model", "'" + model + "' is not a model id (lower-case letters, digits, . - _)",
					lowerCase.matches(MODEL_PATTERN) ? "write it in lower case: model: " + lowerCase
							: "use a GLM model id, e.g. model: " + DEFAULT_MODEL);
		}).orDefault(DEFAULT_MODEL);
	}

	/**
	 * {@code max-in-flight}: one number, or a limit per model id of which the job's model
	 * must be one; no value when absent.
	 */
	private static Bound<Integer> maxInFlight(YamlSection job, String model) {
		if (!(job.node("max-in-flight") instanceof YamlMap perModel)) {
			return job.has("max-in-flight") ? job.integer("max-in-flight", 1, MAX_IN_FLIGHT, 1) : Bound.absent();
		}
		YamlSection limits = job.within(perModel);
		if (!limits.has(model)) {
			return job.invalid(perModel,
					"max-in-flight gives no limit for the job's model " + model + " (it names "
							+ String.join(", ", perModel.entries().keySet()) + ")",
					"add " + model + ": N under max-in-flight, or give one number: max-in-flight: 8");
		}
		return limits.integer(model, 1, MAX_IN_FLIGHT, 1);
	}

	/**
	 * {@code mode} ({@code sync} by default) and {@code deadline}, which {@code auto}
	 * needs and the other modes refuse.
	 */
	private static Bound<CallMode> mode(YamlSection job) {
		Bound<CallMode.Kind> kind = job.choice("mode", MODES, "a mode", "mode: batch").orDefault(CallMode.Kind.SYNC);
		Bound<Duration> deadline = job.text("deadline", "deadline: 6h").then((text) -> deadline(job, text));
		return kind.then((mode) -> {
			boolean auto = mode == CallMode.Kind.AUTO;
			if (auto && !job.has("deadline")) {
				return job.invalid("mode", "mode auto sends rows one by one when a deadline nears, but none is given",
						"add deadline: 6h (how long the run may take), or write mode: batch");
			}
			if (!auto && job.has("deadline")) {
				return job.invalid("deadline",
						"deadline applies to mode: auto only, but the mode is " + mode.name().toLowerCase(Locale.ROOT),
						"write mode: auto, or remove deadline");
			}
			return deadline.then((limit) -> Bound.of(CallMode.auto(limit)))
				.orDefault((mode == CallMode.Kind.BATCH) ? CallMode.BATCH : CallMode.SYNC);
		});
	}

	private static Bound<Duration> deadline(YamlSection job, String text) {
		Matcher written = DEADLINE.matcher(text.strip().toLowerCase(Locale.ROOT));
		if (!written.matches() || Long.parseLong(written.group(1)) == 0) {
			return job.invalid("deadline", "'" + text + "' is not a deadline",
					"write a positive whole number of s, m, h or d, e.g. deadline: 6h");
		}
		long amount = Long.parseLong(written.group(1));
		return Bound.of(switch (written.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		});
	}

	private static Bound<ThinkingMode> thinking(YamlSection job) {
		if (job.node("thinking") instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
			return job.invalid(scalar, "thinking takes a word, not " + scalar.text(),
					"write thinking: " + (Boolean.parseBoolean(scalar.text()) ? "enabled" : "disabled") + " (one of: "
							+ String.join(", ", THINKING.keySet()) + ")");
		}
		// the default suits short translations and fixed labels: thinking would add cost
		// and latency, not quality
		return job.choice("thinking", THINKING, "a thinking mode", "thinking: disabled")
			.orDefault(ThinkingMode.DISABLED);
	}

}
