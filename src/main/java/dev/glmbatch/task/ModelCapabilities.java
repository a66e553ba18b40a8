package dev.glmbatch.task;

import java.util.List;
import java.util.Locale;

/**
 * What each GLM model accepts for {@code thinking.type}.
 *
 * <p>The GLM-4.5, 4.6 and 4.7 families accept {@code disabled}. Reasoning-only models think on every call and refuse
 * to be told otherwise, so a request with {@code disabled} would earn a 400: for them the policy sends
 * {@code enabled} instead. Unknown ids are assumed to behave like the 4.5 family, which is what the API documents as
 * the default behaviour of the field.
 */
public final class ModelCapabilities {

	/** Model id prefixes that reject {@code thinking: disabled}. */
	static final List<String> ALWAYS_THINKING = List.of("glm-z1", "glm-4.1v-thinking", "glm-4.5v-thinking");

	private ModelCapabilities() {
	}

	public static boolean acceptsDisabledThinking(String model) {
		String id = model.strip().toLowerCase(Locale.ROOT);
		return ALWAYS_THINKING.stream().noneMatch(id::startsWith);
	}

}
