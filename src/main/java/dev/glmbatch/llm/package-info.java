/**
 * Provider-neutral port to a chat model: requests, answers, usage and the three fault
 * families; and the model table ({@link dev.glmbatch.llm.ModelTable}, shipped as
 * {@code glm-models.yaml}): prices, limits and how each model takes the thinking setting,
 * for the adapter, quotes, budgets and reports alike.
 */
@NullMarked
package dev.glmbatch.llm;

import org.jspecify.annotations.NullMarked;
