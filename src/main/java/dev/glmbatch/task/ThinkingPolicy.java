package dev.glmbatch.task;

import java.util.Objects;

import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ModelTable;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ThinkingControl;

/**
 * Decides per call whether the model thinks.
 *
 * <p>
 * {@code disabled} and {@code enabled} apply to every call. {@code auto} starts each item
 * without thinking unless its rule below says the item is hard, and escalates to thinking
 * once when an answer still fails after its repair call. The rules for {@code auto}
 * (estimated tokens of the item's text; see {@link ItemProfile}):
 * <ul>
 * <li>translate: more than {@value #TRANSLATE_TOKENS} tokens;</li>
 * <li>classify: more than {@value #CLASSIFY_TOKENS} tokens, or at least
 * {@value #QUANTITIES} quantities to reason about, or a multi-step text ({@value #STEPS}
 * or more step markers);</li>
 * <li>summarise: more than {@value #SUMMARISE_TOKENS} tokens (a long document or a
 * combine of many sections);</li>
 * <li>generate: a multi-step prompt, at least {@value #QUANTITIES} quantities, or more
 * than {@value #GENERATE_TOKENS} tokens;</li>
 * <li>extract: more than {@value #EXTRACT_TOKENS} tokens or a multi-step text (quantities
 * are what extraction reads, not a sign of a hard item).</li>
 * </ul>
 * Whatever the mode, a model that always thinks ({@link ThinkingControl#ALWAYS} in the
 * model table) gets {@code enabled}: it cannot do otherwise, so its calls count as
 * thinking and are never escalated. On a model whose thinking is set by effort,
 * {@code disabled} is the lowest effort; the GLM client sends that. Thread-safe and pure:
 * the same item always gets the same decision, which the call ledger relies on.
 */
public final class ThinkingPolicy {

	static final int TRANSLATE_TOKENS = 400;

	static final int CLASSIFY_TOKENS = 1200;

	static final int SUMMARISE_TOKENS = 3000;

	static final int GENERATE_TOKENS = 1500;

	static final int EXTRACT_TOKENS = 1500;

	static final int QUANTITIES = 3;

	static final int STEPS = 2;

	private final ThinkingMode mode;

	private final boolean canDisable;

	/** The policy for a model, as the shipped model table describes it. */
	public ThinkingPolicy(ThinkingMode mode, String model) {
		this(mode, ModelTable.shipped().spec(model).thinking());
	}

	public ThinkingPolicy(ThinkingMode mode, ThinkingControl control) {
		this.mode = Objects.requireNonNull(mode, "mode");
		this.canDisable = control != ThinkingControl.ALWAYS;
	}

	public ThinkingMode mode() {
		return mode;
	}

	/** The thinking of an item's first call. */
	public Thinking initial(TaskKind kind, ItemProfile item) {
		Thinking wanted = switch (mode) {
			case DISABLED -> Thinking.DISABLED;
			case ENABLED -> Thinking.ENABLED;
			case AUTO -> hard(kind, item) ? Thinking.ENABLED : Thinking.DISABLED;
		};
		return effective(wanted);
	}

	/**
	 * Whether an item that failed validation with {@code used} gets one more attempt with
	 * thinking.
	 */
	public boolean escalates(Thinking used) {
		return mode == ThinkingMode.AUTO && !used.isEnabled() && canDisable;
	}

	/** {@code wanted}, unless the model cannot turn thinking off. */
	public Thinking effective(Thinking wanted) {
		return (wanted.isEnabled() || canDisable) ? wanted : Thinking.ENABLED;
	}

	static boolean hard(TaskKind kind, ItemProfile item) {
		return switch (kind) {
			case TRANSLATE -> item.estimatedTokens() > TRANSLATE_TOKENS;
			case CLASSIFY ->
				item.estimatedTokens() > CLASSIFY_TOKENS || item.quantities() >= QUANTITIES || item.steps() >= STEPS;
			case SUMMARISE -> item.estimatedTokens() > SUMMARISE_TOKENS;
			case GENERATE ->
				item.estimatedTokens() > GENERATE_TOKENS || item.quantities() >= QUANTITIES || item.steps() >= STEPS;
			case EXTRACT -> item.estimatedTokens() > EXTRACT_TOKENS || item.steps() >= STEPS;
		};
	}

}
