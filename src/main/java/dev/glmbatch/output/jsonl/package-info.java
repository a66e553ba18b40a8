/** Writing JSON Lines: one JSON object per row. */
@NullMarked
package dev.glmbatch.output.jsonl;

import org.jspecify.annotations.NullMarked;
