package dev.glmbatch.jobdef;

/** How a job decides whether the model thinks before answering. */
public enum ThinkingMode {

	/** Never think: cheapest and fastest; the default for translation. */
	DISABLED,
	/** Always think. */
	ENABLED,
	/** Decide per item, and escalate to thinking when an answer fails its check. */
	AUTO

}
