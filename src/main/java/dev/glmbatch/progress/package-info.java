/**
 * What a run has done and spent: the live {@link dev.glmbatch.progress.Progress} a
 * display shows while the step runs, and the {@link dev.glmbatch.progress.RunTotals}
 * counted from the staged rows. The pipeline produces them and the run layer and the
 * command line show them; keeping them here, below all three, lets the command line show
 * a run without depending on the pipeline.
 */
@NullMarked
package dev.glmbatch.progress;

import org.jspecify.annotations.NullMarked;
