/**
 * The reject file: which rows failed and why.
 */
@NullMarked
package dev.glmbatch.output.reject;

import org.jspecify.annotations.NullMarked;
