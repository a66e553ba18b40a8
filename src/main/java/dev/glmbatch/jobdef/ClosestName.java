package dev.glmbatch.jobdef;

import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds the name a user most likely meant when they wrote one that does not exist: a key
 * spelt in another case style ({@code chunkSize}, {@code chunk_size}), a small typo
 * ({@code concurency}), a column in other case, or a mistyped command ({@code lst}).
 */
public final class ClosestName {

	private static final int MAX_EDITS = 2;

	private ClosestName() {
	}

	/**
	 * The candidate closest to {@code written}, or {@code null} when none is close enough
	 * to be a likely typo.
	 */
	public static @Nullable String among(String written, Collection<String> candidates) {
		String wanted = normalised(written);
		@Nullable String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(wanted, normalised(candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		// two edits turn any two-letter word into another: demand that most of the word
		// survives
		boolean likelyTypo = bestDistance == 0 || (bestDistance <= MAX_EDITS && bestDistance * 2 < wanted.length());
		return likelyTypo ? best : null;
	}

	private static String normalised(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
