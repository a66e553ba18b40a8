/**
 * Row sources: turn an input file into readers of SourceRow.
 */
@NullMarked
package dev.glmbatch.input;

import org.jspecify.annotations.NullMarked;
