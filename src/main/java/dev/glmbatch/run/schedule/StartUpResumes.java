package dev.glmbatch.run.schedule;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.RunHeldException;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunRefusedException;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.StartedRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes, when a service process comes to lead (at start-up with one process), the runs
 * that an earlier service process started or resumed on request and did not finish (it
 * stopped them on shutdown, or died while they ran), and tells which failures to resume
 * are worth another try.
 */
class StartUpResumes {

	private static final Logger log = LoggerFactory.getLogger(StartUpResumes.class);

	/**
	 * Statuses of a run that has ended by itself; such a run is not resumed at start-up.
	 */
	private static final Set<RunStatus> FINISHED = EnumSet.of(RunStatus.COMPLETED, RunStatus.FAILED,
			RunStatus.ABANDONED);

	private final RunOperator operator;

	private final RunOptions options;

	private final Runs runs;

	private final BusyJobs busy;

	private final RunFollower follower;

	private final JobWorkers workers;

	private final Sweeps sweeps;

	StartUpResumes(RunOperator operator, RunOptions options, Runs runs, BusyJobs busy, RunFollower follower,
			JobWorkers workers, Sweeps sweeps) {
		this.operator = operator;
		this.options = options;
		this.runs = runs;
		this.busy = busy;
		this.follower = follower;
		this.workers = workers;
		this.sweeps = sweeps;
	}

	/**
	 * Resumes, one after the other on a thread of the job, the runs of one job that an
	 * earlier service process started or resumed on request and did not finish (it
	 * stopped them on shutdown, or died while they ran), then sweeps the job when
	 * {@code catchUp} is given (its catch-up trigger, which must wait for the job to be
	 * free; it gives the job file as it is when the sweep starts). Returns at once; the
	 * job is busy until the work ends.
	 * @throws RunStateException when the service is shutting down
	 * @throws JobBusyException when the job already has a run going
	 */
	void resumeAll(String jobName, List<RequestedRun> interrupted, @Nullable Supplier<Optional<JobFile>> catchUp) {
		workers.claim(jobName, Busy
			.resumeAtStartUp("resuming " + interrupted.size() + " run(s) interrupted when the service last stopped"));
		workers.submit(jobName, () -> {
			for (RequestedRun run : interrupted) {
				if (workers.closed()) {
					return;
				}
				resume(run);
			}
			if (catchUp != null && !workers.closed()) {
				// the resumed runs may have taken hours: the job file as it is now
				Optional<JobFile> job = catchUp.get();
				if (job.isEmpty()) {
					log.warn("Job '{}': catch-up trigger skipped: its job file is invalid or gone", jobName);
					return;
				}
				log.info("Job '{}': catch-up trigger after its interrupted runs (missed: run-once)", jobName);
				sweeps.sweep(job.get(), workers::closed);
			}
		});
	}

	/**
	 * Resumes one run an earlier service process left unfinished, and waits for it to
	 * end. A run found completed or failed is forgotten, not resumed (a failed run is
	 * resumed on request). A run another live process works is left to it and stays
	 * recorded; a run that cannot resume (input changed, job file gone) is forgotten, and
	 * the log says why; any other failure leaves it to the next start.
	 */
	void resume(RequestedRun run) {
		long runId = run.runId();
		Optional<RunSummary> summary = runs.status(runId);
		if (summary.isEmpty()) {
			log.warn("Run {} of job '{}' was interrupted, but the state database no longer has it; forgotten", runId,
					run.jobName());
			follower.forget(runId);
			return;
		}
		RunStatus status = summary.get().status();
		if (FINISHED.contains(status)) {
			log.info("Run {} of job '{}' is {}: not resumed at start-up", runId, run.jobName(), status);
			follower.forget(runId);
			return;
		}
		busy.now(run.jobName(), Busy.resumeAtStartUp("resuming run " + runId + " after a restart"));
		log.info("Resuming run {} of job '{}', interrupted while {} (started or resumed on request at {})", runId,
				run.jobName(), status, run.startedAt());
		try {
			StartedRun started = operator.restart(runId, options);
			follower.recordIfRunning(started, run.jobName());
			follower.ended(started.await());
		}
		catch (RunHeldException ex) {
			log.info("Run {} of job '{}' is left to the process working it: {}", runId, run.jobName(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (!cannotResume(ex)) {
				log.warn("Run {} of job '{}' did not resume at start-up; it is tried again at the next start: {}",
						runId, run.jobName(), ex.getMessage());
				return;
			}
			follower.forget(runId);
			log.warn(
					"Run {} of job '{}' cannot resume at start-up and is no longer resumed automatically (once fixed,"
							+ " resume it with POST /api/runs/{}/resume): {}",
					runId, run.jobName(), runId, ex.getMessage());
		}
	}

	/**
	 * Whether a failed resume says something about the run itself (its input changed, its
	 * job file is gone or invalid), so that trying again cannot help; a database that is
	 * not reachable yet, or an input file that is not back in place yet, is tried again
	 * at the next start.
	 */
	static boolean cannotResume(RuntimeException ex) {
		return (ex instanceof RunRefusedException && !(ex instanceof RunHeldException))
				|| ex instanceof JobDefinitionException;
	}

}
