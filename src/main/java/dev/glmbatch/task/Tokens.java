package dev.glmbatch.task;

/**
 * Token estimates without a tokenizer (about four characters a token), for budgets and
 * the thinking policy.
 */
final class Tokens {

	private Tokens() {
	}

	/** About four characters a token for Latin scripts; CJK characters count more. */
	static int estimate(String text) {
		long wide = text.codePoints().filter(cp -> cp >= 0x2E80).count();
		long narrow = text.codePointCount(0, text.length()) - wide;
		return (int) Math.ceil(narrow / 4.0 + wide / 1.5);
	}

}
