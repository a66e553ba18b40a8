/**
 * Content tasks (translate, ...): prompt building, answer checks and the per-row result;
 * plain Java, no Spring Batch types.
 */
@NullMarked
package dev.glmbatch.task;

import org.jspecify.annotations.NullMarked;
