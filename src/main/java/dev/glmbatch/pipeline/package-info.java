/**
 * Assembles a JobDefinition into a Spring Batch job: reader, task, call ledger, staging
 * table and export.
 * <p>
 * Why the process step reads ahead: Spring Batch 6's concurrent chunk step hands a
 * chunk's items to its threads and waits for every one of them before it writes the
 * chunk, so each chunk ends at the pace of its slowest GLM call while the other threads
 * sit idle. The step is therefore sequential, and its reader keeps the calls of the next
 * rows in flight on its own pool ({@link dev.glmbatch.pipeline.ReadAhead}) across chunk
 * boundaries, returning their results in row order: a slow row holds back the commit of
 * its chunk, not the calls behind it.
 * <p>
 * Where a run resumes: the rows in the staging table, which commit with their chunk.
 * Nothing else keeps a position.
 */
@NullMarked
package dev.glmbatch.pipeline;

import org.jspecify.annotations.NullMarked;
