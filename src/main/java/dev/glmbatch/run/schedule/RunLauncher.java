package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.ActiveRuns;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunRefusedException;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.StartedRun;
import org.jspecify.annotations.Nullable;

/**
 * Starts runs in the background, and never two runs of the same job at once: a request or
 * a trigger for a busy job is refused or reported, never queued or doubled. A run
 * executes on the thread {@link RunOperator} gives it; sweeps and the resumes at start-up
 * go through files or runs one after the other on a thread of this launcher.
 *
 * <p>
 * A sweep goes through a job's input files in name order ({@link Sweeps}).
 *
 * <p>
 * Runs started or resumed on request are kept in {@link RequestedRuns} until they end,
 * and so are runs of sweeps that a shutdown stopped; those that a shutdown or a crash
 * interrupted are resumed by {@link #resumeInterrupted} at the next start. Thread-safe.
 */
public class RunLauncher {

	/**
	 * Resume or start, and how a failed or stopped run of the service is resumed, kept
	 * with the run.
	 */
	private static final RunOptions OPTIONS = RunOptions.RESUME_OR_START
		.withResumeCommand(runId -> "POST /api/runs/" + runId + "/resume (or Resume in the dashboard)");

	private final RunOperator operator;

	private final Runs runs;

	private final BusyJobs busy;

	private final RunFollower follower;

	private final Sweeps sweeps;

	private final StartUpResumes startUpResumes;

	private final JobWorkers workers;

	RunLauncher(RunOperator operator, Runs runs, ActiveRuns activeRuns, RequestedRuns requested, BusyJobs busy,
			Clock clock, RunMetrics metrics) {
		this.operator = operator;
		this.runs = runs;
		this.busy = busy;
		this.follower = new RunFollower(requested, clock, metrics);
		this.sweeps = new Sweeps(operator, OPTIONS, busy, follower, clock, metrics);
		this.workers = new JobWorkers(busy, activeRuns);
		this.startUpResumes = new StartUpResumes(operator, OPTIONS, runs, busy, follower, workers, sweeps);
	}

	/** What the job is busy with, if it has a run or sweep going in this service. */
	public Optional<Busy> busyWith(String jobName) {
		return busy.of(jobName);
	}

	public Optional<TriggerReport> lastTrigger(String jobName) {
		return sweeps.lastTrigger(jobName);
	}

	/**
	 * Starts a job on request: a job with an input pattern sweeps its files; a job with
	 * one input file resumes its unfinished run or starts one, and this method returns
	 * once the run has its id.
	 * @throws JobBusyException when the job has a run going
	 * @throws RunRefusedException when resuming would lose or re-pay work
	 * @throws LaunchFailedException when the run cannot start (unreadable input, missing
	 * columns, ...)
	 */
	public Launch start(JobFile job) {
		return start(job, false);
	}

	/**
	 * Like {@link #start(JobFile)}; with {@code fresh}, a job with one input starts a new
	 * run even when its input was processed already or an unfinished run exists (the
	 * command line's {@code --new}: answers paid before are re-used unless the job sets
	 * {@code reuse: false}).
	 * @throws IllegalArgumentException when {@code fresh} is asked of a job with an input
	 * pattern
	 */
	public Launch start(JobFile job, boolean fresh) {
		if (fresh && job.inputPattern() != null) {
			throw new IllegalArgumentException("Job '" + job.name() + "' reads every file matching "
					+ job.inputPattern().describe() + ": a new run applies to a job with one input; a sweep already"
					+ " starts a run for each new file.");
		}
		if (job.inputPattern() != null) {
			List<Path> files = job.inputPattern().files();
			workers.claim(job.name(), Busy.sweep("sweep requested through the API"));
			workers.submit(job.name(), () -> sweeps.sweep(job, workers::closed));
			return new Launch(job.name(), Launch.Kind.SWEEP, null, files.stream().map(Path::toString).toList());
		}
		JobDefinition definition = job.definition();
		workers.claim(job.name(), Busy.run(definition.input().path()));
		StartedRun started;
		try {
			started = operator.start(definition, OPTIONS.withForceNew(fresh));
		}
		catch (RuntimeException ex) {
			busy.release(job.name());
			throw couldNotStart(job.name(), ex);
		}
		follower.follow(started, job.name(), false, () -> busy.release(job.name()));
		Launch.Kind kind = switch (started.start()) {
			case NEW -> Launch.Kind.STARTED;
			case RESUMED -> Launch.Kind.RESUMED;
			case ALREADY_COMPLETED -> Launch.Kind.ALREADY_COMPLETED;
		};
		return new Launch(job.name(), kind, started.runId(), List.of());
	}

	/**
	 * Resumes a failed or stopped run in the background, or one left running by a process
	 * that has died.
	 * @throws NoSuchRunException when no run has this id
	 * @throws RunStateException when the run completed
	 * @throws JobBusyException when its job has a run going in this service
	 * @throws RunHeldException when another live process works the run
	 */
	public Launch resume(long runId) {
		RunSummary summary = runs.status(runId).orElseThrow(() -> new NoSuchRunException(runId));
		if (summary.status() == RunStatus.COMPLETED) {
			throw new RunStateException("Run " + runId + " has already completed; there is nothing to resume.");
		}
		// STARTED or STOPPING here means another process works it or has died doing so:
		// the run lock tells which
		workers.claim(summary.jobName(), Busy.resume(runId));
		StartedRun started;
		try {
			started = operator.restart(runId, OPTIONS);
		}
		catch (RuntimeException ex) {
			busy.release(summary.jobName());
			// a run held by another process stays recorded: the process working it keeps
			// it
			if (StartUpResumes.cannotResume(ex)) {
				follower.forget(runId);
			}
			throw couldNotStart(summary.jobName(), ex);
		}
		follower.follow(started, summary.jobName(), true, () -> busy.release(summary.jobName()));
		return new Launch(summary.jobName(), Launch.Kind.RESUMED, runId, List.of());
	}

	/**
	 * Starts, in the background, a new run that processes again the rows a completed run
	 * rejected and keeps those it accepted ({@link RunOperator#retry}); returns once the
	 * new run has its id.
	 * @throws NoSuchRunException when no run has this id
	 * @throws JobBusyException when its job has a run going in this service
	 * @throws RunRefusedException when the run has not completed or rejected no row, or
	 * its input has changed
	 * @throws LaunchFailedException when the retry cannot start (job file gone, ...)
	 */
	public Launch retry(long runId) {
		RunSummary summary = runs.status(runId).orElseThrow(() -> new NoSuchRunException(runId));
		workers.claim(summary.jobName(), Busy.run(Path.of(summary.input())));
		StartedRun started;
		try {
			started = operator.retry(runId, OPTIONS);
		}
		catch (RuntimeException ex) {
			busy.release(summary.jobName());
			throw couldNotStart(summary.jobName(), ex);
		}
		follower.follow(started, summary.jobName(), false, () -> busy.release(summary.jobName()));
		return new Launch(summary.jobName(), Launch.Kind.STARTED, started.runId(), List.of());
	}

	/**
	 * Asks a run to stop at its next chunk boundary, whichever process works it, and
	 * forgets it as a run to resume at start-up: a run stopped on request stays stopped
	 * until it is resumed on request.
	 * @return whether a live process works the run and was told to stop it
	 */
	public boolean requestStop(long runId) {
		follower.forget(runId);
		return runs.requestStop(runId);
	}

	/**
	 * Resumes, one after the other, the runs of one job that an earlier leader started or
	 * resumed on request and did not finish, then sweeps the job when {@code catchUp} is
	 * given ({@link StartUpResumes#resumeAll}). Returns at once; the job is busy until
	 * the work ends.
	 * @throws RunStateException when the service is shutting down
	 * @throws JobBusyException when the job already has a run going
	 */
	void resumeInterrupted(String jobName, List<RequestedRun> interrupted,
			@Nullable Supplier<Optional<JobFile>> catchUp) {
		startUpResumes.resumeAll(jobName, interrupted, catchUp);
	}

	/**
	 * A scheduled trigger: sweeps the job's files unless it is busy
	 * ({@link Sweeps#trigger}).
	 * @return whether a sweep started
	 */
	boolean trigger(JobFile job) {
		return sweeps.trigger(job, workers);
	}

	/**
	 * Stops starting runs, asks the running ones to stop at a chunk boundary and waits
	 * for them.
	 */
	void shutdown(Duration wait) {
		workers.shutdown(wait);
	}

	/** A start that failed before the run had its id, as the API answers it. */
	private static RuntimeException couldNotStart(String jobName, RuntimeException ex) {
		if (ex instanceof RunRefusedException refused) {
			return refused;
		}
		return new LaunchFailedException("Job '" + jobName + "' could not start: " + ex.getMessage(), ex);
	}

}
