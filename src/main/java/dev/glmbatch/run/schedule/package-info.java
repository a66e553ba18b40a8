/**
 * The service's runs: the job catalogue read from the jobs folder, cron triggers that process each new input file
 * once, and runs started in the background, at most one per job.
 */
@NullMarked
package dev.glmbatch.run.schedule;

import org.jspecify.annotations.NullMarked;
