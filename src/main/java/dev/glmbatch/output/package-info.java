/**
 * Result sinks: the files a run publishes from its committed results.
 */
@NullMarked
package dev.glmbatch.output;

import org.jspecify.annotations.NullMarked;
