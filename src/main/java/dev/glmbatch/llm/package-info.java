/**
 * Provider-neutral port to a chat model: requests, answers, usage and the three fault families.
 */
@NullMarked
package dev.glmbatch.llm;

import org.jspecify.annotations.NullMarked;
