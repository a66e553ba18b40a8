package dev.glmbatch.task;

import dev.glmbatch.jobdef.SummariseSpec;

/**
 * Checks a summary: not empty, not the text handed back, within the target length (words:
 * at most half as many again plus ten; bullets: between one and the target, every line a
 * bullet).
 */
final class SummaryValidator implements AnswerValidator<String> {

	private final SummariseSpec.Length length;

	private final String source;

	SummaryValidator(SummariseSpec.Length length, String source) {
		this.length = length;
		this.source = source;
	}

	@Override
	public CheckedAnswer<String> validate(String content) {
		String summary = JsonAnswer.stripFence(content.strip());
		if (summary.isBlank()) {
			return CheckedAnswer.failed("empty", "the answer is empty");
		}
		int sourceWords = words(source);
		if (summary.equals(source.strip()) && sourceWords > maxWords()) {
			return CheckedAnswer.failed("echo", "the answer repeats the text instead of summarising it");
		}
		if (length.bullets()) {
			long bullets = summary.lines().filter(line -> !line.isBlank()).count();
			boolean allBullets = summary.lines()
				.filter(line -> !line.isBlank())
				.allMatch(line -> line.strip().matches("^(?:[-*•]|\\d+[.)])\\s+\\S.*"));
			if (!allBullets) {
				return CheckedAnswer.failed("format", "write every line as a bullet starting with '- '");
			}
			if (bullets > length.count()) {
				return CheckedAnswer.failed("too_long", "write at most " + length.count() + " bullets, not " + bullets);
			}
		}
		else if (words(summary) > maxWords()) {
			return CheckedAnswer.failed("too_long",
					"the summary has " + words(summary) + " words; write at most " + length.count());
		}
		return CheckedAnswer.passed(summary);
	}

	private int maxWords() {
		return length.bullets() ? length.count() * 40 : length.count() * 3 / 2 + 10;
	}

	static int words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
	}

}
