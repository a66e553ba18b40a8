/**
 * Job runs: start, resume, stop, list and report, with dead-process detection.
 */
@NullMarked
package dev.glmbatch.run;

import org.jspecify.annotations.NullMarked;
