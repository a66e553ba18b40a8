package dev.glmbatch.llm.glm;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Makes the {@code request_id} of each attempt: {@code <tag>-<12 hex>-a<attempt>}, 6 to
 * 64 characters. A new id per attempt, because Z.AI refuses a reused one (1231); the tag
 * keeps it traceable to the row in the server's logs.
 */
final class RequestIds {

	static final String DEFAULT_TAG = "glmb";

	private static final int MAX_TAG_LENGTH = 40;

	private RequestIds() {
	}

	static String next(@Nullable String tag, int attempt) {
		long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
		return sanitiseTag(tag) + "-" + String.format("%012x", random) + "-a" + attempt;
	}

	/**
	 * Keeps letters, digits, {@code _} and {@code -}, replaces the rest, and shortens to
	 * 40 characters.
	 */
	static String sanitiseTag(@Nullable String tag) {
		if (tag == null || tag.isBlank()) {
			return DEFAULT_TAG;
		}
		StringBuilder clean = new StringBuilder(Math.min(tag.length(), MAX_TAG_LENGTH));
		for (int i = 0; i < tag.length() && clean.length() < MAX_TAG_LENGTH; i++) {
			char c = tag.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			clean.append(allowed ? c : '_');
		}
		return clean.toString();
	}

}
