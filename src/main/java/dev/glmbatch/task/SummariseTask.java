package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Summarises a text column, or the document a column points to.
 *
 * <p>
 * A text within the job's section budget is summarised in one call. A longer one is split
 * into sections ({@link Sections}, nothing dropped), each section summarised in its own
 * call, and the section summaries combined in a last call (recursively, if they are
 * themselves too long). Each call is a deterministic request, so the call ledger keeps
 * every finished section across a restart and a resumed row pays only for the missing
 * ones. Output columns {@code summary} and {@code sections} (how many sections the text
 * was split into). Thread-safe.
 */
public final class SummariseTask implements ContentTask {

	private static final Logger log = LoggerFactory.getLogger(SummariseTask.class);

	public static final List<String> OUTPUT_COLUMNS = List.of("summary", "sections");

	private final SummariseSpec spec;

	private final CheckedCalls calls;

	private final @Nullable DocumentReader documents;

	private final ChatMessage system;

	public SummariseTask(SummariseSpec spec, String model, ThinkingMode thinkingMode, LlmClient client,
			String tagPrefix) {
		this.spec = spec;
		this.calls = new CheckedCalls(client, thinkingMode, model, tagPrefix);
		this.documents = (spec.documents() != null) ? new DocumentReader(spec.documents()) : null;
		this.system = ChatMessage.system(systemPrompt(spec));
	}

	@Override
	public TaskResult perform(SourceRow row) {
		if (row.error() != null) {
			return TaskResult.rejected(row, Map.of(), row.error(), CallStats.NONE);
		}
		String text;
		try {
			text = (documents != null) ? documents.read(row.value(spec.column())) : row.value(spec.column());
		}
		catch (DocumentReader.DocumentException ex) {
			RejectionLog.rejected(log, row.rowNumber(), ex.getMessage());
			return TaskResult.rejected(row, Map.of(), ex.getMessage(), CallStats.NONE);
		}
		if (text.isBlank()) {
			return TaskResult.rejected(row, Map.of(), "nothing to summarise: the text is empty", CallStats.NONE);
		}
		Progress progress = new Progress(row);
		try {
			List<String> sections = Sections.split(text, spec.sectionTokens());
			String summary = summariseAll(sections, "", progress);
			if (summary == null) {
				return TaskResult.rejected(row, Map.of(), progress.reason, progress.stats)
					.withFailures(progress.failures);
			}
			Map<String, String> outputs = new LinkedHashMap<>();
			outputs.put("summary", summary);
			outputs.put("sections", String.valueOf(sections.size()));
			return TaskResult.done(row, outputs, progress.stats).withFailures(progress.failures);
		}
		catch (ItemLlmException ex) {
			RejectionLog.rejected(log, row.rowNumber(), ex.getMessage());
			return TaskResult.rejected(row, Map.of(), ex.getMessage(), progress.stats).withFailures(progress.failures);
		}
	}

	/**
	 * The summary of the sections in order, or {@code null} when a call failed for good
	 * (reason in progress).
	 */
	private @Nullable String summariseAll(List<String> sections, String level, Progress progress) {
		if (sections.size() == 1) {
			return summarise(sections.get(0), Kind.WHOLE, level + "w", progress);
		}
		List<String> partials = new ArrayList<>();
		for (int i = 0; i < sections.size(); i++) {
			String partial = summarise(sections.get(i), Kind.SECTION, level + "s" + (i + 1), progress);
			if (partial == null) {
				return null;
			}
			partials.add(partial);
		}
		String joined = String.join("\n\n", partials);
		if (Tokens.estimate(joined) > spec.sectionTokens()) {
			return summariseAll(Sections.split(joined, spec.sectionTokens()), level + "c", progress);
		}
		return summarise(joined, Kind.COMBINE, level + "c", progress);
	}

	private @Nullable String summarise(String text, Kind kind, String unit, Progress progress) {
		Thinking thinking = calls.policy().initial(TaskKind.SUMMARISE, ItemProfile.of(text));
		SummariseSpec.Length length = (kind == Kind.SECTION) ? sectionLength() : spec.length();
		int answerBudget = Math.max(256, (length.bullets() ? length.count() * 60 : length.count() * 2) * 2);
		ChatMessage user = ChatMessage.user(instruction(kind, length) + DataBlock.wrap(text));
		ChatRequest request = calls.request(List.of(system, user), thinking, answerBudget,
				calls.tag(progress.row) + "-" + unit);
		CheckedCalls.Outcome<String> outcome = calls.call(request, answerBudget, new SummaryValidator(length, text),
				"row " + progress.row.rowNumber() + " " + unit);
		progress.stats = progress.stats.plus(outcome.stats());
		progress.failures.addAll(outcome.failures());
		if (!outcome.passed()) {
			progress.reason = unit + ": " + outcome.rejection();
			RejectionLog.rejected(log, progress.row.rowNumber(), progress.reason);
			return null;
		}
		return outcome.value();
	}

	/**
	 * Section summaries carry more detail than the final one, so that the combine step
	 * has enough to work with.
	 */
	private SummariseSpec.Length sectionLength() {
		return spec.length().bullets() ? new SummariseSpec.Length(Math.max(3, spec.length().count()), true)
				: new SummariseSpec.Length(Math.max(60, spec.length().count()), false);
	}

	private static String instruction(Kind kind, SummariseSpec.Length length) {
		String what = switch (kind) {
			case WHOLE -> "Summarise this text";
			case SECTION -> "Summarise this section of a longer document";
			case COMBINE -> "These are summaries of consecutive sections of one document; combine them into one "
					+ "summary of the whole document";
		};
		String form = length.bullets() ? "in at most " + length.count() + " bullets, each line starting with '- '"
				: "in at most " + length.count() + " words";
		return what + ", " + form + ".\n";
	}

	static String systemPrompt(SummariseSpec spec) {
		StringBuilder prompt = new StringBuilder(512);
		prompt.append("You summarise texts of a batch for busy readers.\n")
			.append("Each user message says how long the summary must be, then gives the text.\n")
			.append(DataBlock.dataRule("summarise"))
			.append("Rules:\n")
			.append("- Answer with the summary only: no title, no preamble, no markers.\n")
			.append("- Keep names, numbers and dates exactly as in the text; add nothing the text does not say.\n")
			.append("- Never go over the length asked for.\n");
		if (spec.language() != null) {
			prompt.append("- Write the summary in ")
				.append(TranslationPrompt.languageName(spec.language()))
				.append(".\n");
		}
		if (spec.style() != null) {
			prompt.append("- Style: ").append(spec.style()).append(".\n");
		}
		return prompt.toString();
	}

	private enum Kind {

		WHOLE, SECTION, COMBINE

	}

	/** What one row's calls have cost and found so far; confined to the row's thread. */
	private static final class Progress {

		private final SourceRow row;

		private CallStats stats = CallStats.NONE;

		private final List<ValidationFailure> failures = new ArrayList<>();

		private String reason = "";

		private Progress(SourceRow row) {
			this.row = row;
		}

	}

}
