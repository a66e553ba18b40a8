/**
 * The service's runs: the job catalogue read from the jobs folder, cron triggers that
 * process each new input file once, and runs started in the background, at most one per
 * job. Of several service processes on one state database, the one that leads
 * ({@code Leadership}) fires the triggers ({@code LeaderTriggers}), each at most once
 * ({@code ScheduleFires}), and resumes the runs left unfinished.
 *
 * <p>
 * {@link dev.glmbatch.run.schedule.RunLauncher} takes requests and triggers; what a job
 * is busy with is {@link dev.glmbatch.run.schedule.BusyJobs}, the files of a sweep are
 * {@code Sweeps}, the runs left unfinished by an earlier process are
 * {@code StartUpResumes}, and {@code RunFollower} keeps the record of runs to resume in
 * step with how they end.
 */
@NullMarked
package dev.glmbatch.run.schedule;

import org.jspecify.annotations.NullMarked;
