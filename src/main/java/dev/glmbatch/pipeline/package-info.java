/**
 * Assembles a JobDefinition into a Spring Batch job: reader, task, call ledger, staging table and export.
 */
@NullMarked
package dev.glmbatch.pipeline;

import org.jspecify.annotations.NullMarked;
