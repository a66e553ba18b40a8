package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.glmbatch.jobdef.InputPattern;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.RunHeldException;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunRefusedException;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Starts runs in the background, one thread per run, and never two runs of the same job at once: a request or a
 * trigger for a busy job is refused or reported, never queued or doubled.
 *
 * <p>A sweep goes through a job's input files in name order: each file is run with resume-or-start semantics, so a
 * completed file is skipped without a call, a failed or interrupted one is resumed, and a new one is started. Completed
 * files are moved to the job's {@code processed} folder when it has one.
 *
 * <p>Runs started or resumed on request are kept in {@link RequestedRuns} until they end, and so are runs of sweeps
 * that a shutdown stopped; those that a shutdown or a crash interrupted are resumed by {@link #resumeInterrupted} at
 * the next start. Thread-safe.
 */
public class RunLauncher {

	private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

	/** Statuses of a run that has ended by itself; such a run is not resumed at start-up. */
	private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "ABANDONED");

	/** Resume or start, and how a failed or stopped run of the service is resumed, kept with the run. */
	private static final RunOptions OPTIONS = RunOptions.RESUME_OR_START
		.withResumeCommand(runId -> "POST /api/runs/" + runId + "/resume (or Resume in the dashboard)");

	/** How long a start request waits for the run to get its id (the input is checked and hashed first). */
	private static final Duration START_WAIT = Duration.ofSeconds(60);

	private final Runs runs;

	private final Clock clock;

	private final RunMetrics metrics;

	private final RequestedRuns requested;

	private final ExecutorService threads;

	private final Map<String, String> busy = new ConcurrentHashMap<>();

	private final Map<String, TriggerReport> lastTriggers = new ConcurrentHashMap<>();

	private volatile boolean closed;

	RunLauncher(Runs runs, RequestedRuns requested, Clock clock, Function<Supplier<Number>, RunMetrics> metrics) {
		this.runs = runs;
		this.requested = requested;
		this.clock = clock;
		this.metrics = metrics.apply(busy::size);
		AtomicInteger count = new AtomicInteger();
		this.threads = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "glmb-run-" + count.incrementAndGet());
			thread.setDaemon(false);
			return thread;
		});
	}

	/** What the job is busy with, if it has a run or sweep going in this service. */
	public Optional<String> busyWith(String jobName) {
		return Optional.ofNullable(busy.get(jobName));
	}

	public Optional<TriggerReport> lastTrigger(String jobName) {
		return Optional.ofNullable(lastTriggers.get(jobName));
	}

	/**
	 * Starts a job on request: a job with an input pattern sweeps its files; a job with one input file resumes its
	 * unfinished run or starts one, and this method returns once the run has its id.
	 * @throws JobBusyException when the job has a run going
	 * @throws RunRefusedException when resuming would lose or re-pay work
	 * @throws LaunchFailedException when the run cannot start (unreadable input, missing columns, ...)
	 */
	public Launch start(JobFile job) {
		return start(job, false);
	}

	/**
	 * Like {@link #start(JobFile)}; with {@code fresh}, a job with one input starts a new run even when its input was
	 * processed already or an unfinished run exists (the command line's {@code --new}: answers are paid again).
	 * @throws IllegalArgumentException when {@code fresh} is asked of a job with an input pattern
	 */
	public Launch start(JobFile job, boolean fresh) {
		if (fresh && job.inputPattern() != null) {
			throw new IllegalArgumentException("Job '" + job.name() + "' reads every file matching "
					+ job.inputPattern().describe() + ": a new run applies to a job with one input; a sweep already"
					+ " starts a run for each new file.");
		}
		if (job.inputPattern() != null) {
			List<Path> files = job.inputPattern().files();
			claim(job.name(), "sweep requested through the API");
			submit(job.name(), () -> sweep(job));
			return new Launch(job.name(), Launch.Kind.SWEEP, null, files.stream().map(Path::toString).toList());
		}
		JobDefinition definition = job.definition();
		claim(job.name(), "run of " + definition.input().path());
		CompletableFuture<Long> started = new CompletableFuture<>();
		AtomicBoolean began = new AtomicBoolean();
		AtomicBoolean resumed = new AtomicBoolean();
		submit(job.name(), () -> {
			try {
				RunOutcome outcome = runs.run(definition, OPTIONS.withForceNew(fresh), runId -> {
					began.set(true);
					// the execution just created is the run's second or later one: an unfinished run was resumed
					resumed.set(runs.status(runId).map(run -> run.executions() > 1).orElse(false));
					record(runId, job.name());
					started.complete(runId);
				});
				ended(outcome);
				started.complete(outcome.runId());
			}
			catch (RuntimeException ex) {
				if (started.isDone() && !started.isCompletedExceptionally()) {
					forget(started.join());
				}
				started.completeExceptionally(ex);
				throw ex;
			}
		});
		long runId = await(started, job.name());
		// the callback runs before the future completes, so began and resumed are settled here
		Launch.Kind kind = !began.get() ? Launch.Kind.ALREADY_COMPLETED
				: resumed.get() ? Launch.Kind.RESUMED : Launch.Kind.STARTED;
		return new Launch(job.name(), kind, runId, List.of());
	}

	/**
	 * Resumes a failed or stopped run in the background, or one left running by a process that has died.
	 * @throws NoSuchRunException when no run has this id
	 * @throws RunStateException when the run completed
	 * @throws JobBusyException when its job has a run going in this service
	 * @throws RunHeldException when another live process works the run
	 */
	public Launch resume(long runId) {
		RunSummary summary = runs.status(runId).orElseThrow(() -> new NoSuchRunException(runId));
		if (summary.status().equals("COMPLETED")) {
			throw new RunStateException("Run " + runId + " has already completed; there is nothing to resume.");
		}
		// STARTED or STOPPING here means another process works it or has died doing so: the run lock tells which
		claim(summary.jobName(), "resume of run " + runId);
		CompletableFuture<Long> started = new CompletableFuture<>();
		submit(summary.jobName(), () -> {
			try {
				ended(runs.restart(runId, OPTIONS, id -> {
					record(id, summary.jobName());
					started.complete(id);
				}));
				started.complete(runId);
			}
			catch (RunHeldException ex) {
				// the process working it keeps it
				started.completeExceptionally(ex);
				throw ex;
			}
			catch (RuntimeException ex) {
				if (cannotResume(ex)) {
					forget(runId);
				}
				started.completeExceptionally(ex);
				throw ex;
			}
		});
		await(started, summary.jobName());
		return new Launch(summary.jobName(), Launch.Kind.RESUMED, runId, List.of());
	}

	/**
	 * Asks a run to stop at its next chunk boundary, whichever process works it, and forgets it as a run to resume at
	 * start-up: a run stopped on request stays stopped until it is resumed on request.
	 * @return whether a live process works the run and was told to stop it
	 */
	public boolean requestStop(long runId) {
		forget(runId);
		return runs.requestStop(runId);
	}

	/**
	 * At start-up: resumes, one after the other, the runs of one job that an earlier service process started or
	 * resumed on request and did not finish (it stopped them on shutdown, or died while they ran), then sweeps the job
	 * when {@code catchUp} is given (its catch-up trigger, which must wait for the job to be free; it gives the job
	 * file as it is when the sweep starts). Returns at once;
	 * the job is busy until the work ends.
	 *
	 * <p>A run found completed or failed is forgotten, not resumed (a failed run is resumed on request). A run another
	 * live process works is left to it and stays recorded; a run that cannot resume (input changed, job file gone) is
	 * forgotten, and the log says why.
	 * @throws RunStateException when the service is shutting down
	 * @throws JobBusyException when the job already has a run going
	 */
	void resumeInterrupted(String jobName, List<RequestedRun> interrupted,
			@Nullable Supplier<Optional<JobFile>> catchUp) {
		claim(jobName, "resuming " + interrupted.size() + " run(s) interrupted when the service last stopped");
		submit(jobName, () -> {
			for (RequestedRun run : interrupted) {
				if (closed) {
					return;
				}
				resumeInterrupted(run);
			}
			if (catchUp != null && !closed) {
				// the resumed runs may have taken hours: the job file as it is now
				Optional<JobFile> job = catchUp.get();
				if (job.isEmpty()) {
					log.warn("Job '{}': catch-up trigger skipped: its job file is invalid or gone", jobName);
					return;
				}
				log.info("Job '{}': catch-up trigger after its interrupted runs (missed: run-once)", jobName);
				sweep(job.get());
			}
		});
	}

	private void resumeInterrupted(RequestedRun run) {
		long runId = run.runId();
		Optional<RunSummary> summary = runs.status(runId);
		if (summary.isEmpty()) {
			log.warn("Run {} of job '{}' was interrupted, but the state database no longer has it; forgotten", runId,
					run.jobName());
			forget(runId);
			return;
		}
		String status = summary.get().status();
		if (FINISHED.contains(status)) {
			log.info("Run {} of job '{}' is {}: not resumed at start-up", runId, run.jobName(), status);
			forget(runId);
			return;
		}
		busy.put(run.jobName(), "resuming run " + runId + " after a restart");
		log.info("Resuming run {} of job '{}', interrupted while {} (started or resumed on request at {})", runId,
				run.jobName(), status, run.startedAt());
		try {
			ended(runs.restart(runId, OPTIONS, id -> record(id, run.jobName())));
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
			forget(runId);
			log.warn("Run {} of job '{}' cannot resume at start-up and is no longer resumed automatically (once fixed,"
					+ " resume it with POST /api/runs/{}/resume): {}", runId, run.jobName(), runId, ex.getMessage());
		}
	}

	/**
	 * Whether a failed resume says something about the run itself (its input changed, its job file is gone or
	 * invalid), so that trying again cannot help; a database that is not reachable yet, or an input file that is not
	 * back in place yet, is tried again at the next start.
	 */
	private static boolean cannotResume(RuntimeException ex) {
		return (ex instanceof RunRefusedException && !(ex instanceof RunHeldException))
				|| ex instanceof JobDefinitionException;
	}

	/**
	 * A scheduled trigger: sweeps the job's files unless the job is busy, in which case the trigger is reported and
	 * skipped.
	 * @return whether a sweep started
	 */
	boolean trigger(JobFile job) {
		String running = busy.putIfAbsent(job.name(), "triggered sweep");
		if (running != null) {
			log.warn("Trigger of job '{}' skipped: it is still busy ({})", job.name(), running);
			lastTriggers.put(job.name(), new TriggerReport(clock.instant(), "skipped: still busy (" + running + ")"));
			metrics.triggerSkipped(job.name());
			return false;
		}
		if (closed) {
			busy.remove(job.name());
			return false;
		}
		submit(job.name(), () -> sweep(job));
		return true;
	}

	/** Stops starting runs, asks the running ones to stop at a chunk boundary and waits for them. */
	void shutdown(Duration wait) {
		closed = true;
		threads.shutdown();
		runs.stopActive();
		try {
			if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Runs still going after {}; they go on from their last chunk at the next start or trigger", wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sweep(JobFile job) {
		InputPattern pattern = job.inputPattern();
		List<Path> files = (pattern != null) ? pattern.files() : List.of(job.definition().input().path());
		int processed = 0;
		int failed = 0;
		for (Path file : files) {
			if (closed) {
				break;
			}
			if (!Files.isRegularFile(file)) {
				continue;
			}
			try {
				busy.put(job.name(), "processing " + file.getFileName());
				RunOutcome outcome = runs.run(job.forInput(file), OPTIONS);
				ended(outcome);
				switch (outcome.status()) {
					case COMPLETED -> {
						processed++;
						moveProcessed(pattern, file);
					}
					case ALREADY_COMPLETED -> moveProcessed(pattern, file);
					case FAILED -> {
						failed++;
						log.warn("Run {} of job '{}' on {} failed: {}; the next trigger resumes it", outcome.runId(),
								job.name(), file, outcome.failure());
					}
					case STOPPED -> {
						lastTriggers.put(job.name(), new TriggerReport(clock.instant(),
								"stopped at run " + outcome.runId() + "; the next trigger resumes it"));
						return;
					}
				}
			}
			catch (RuntimeException ex) {
				// one bad file must not keep the others waiting; it is tried again at the next trigger
				failed++;
				log.warn("Job '{}' cannot process {}: {}", job.name(), file, ex.getMessage());
			}
		}
		lastTriggers.put(job.name(), new TriggerReport(clock.instant(),
				processed + " file(s) processed, " + failed + " failed, " + files.size() + " matching"));
	}

	private void moveProcessed(@Nullable InputPattern pattern, Path file) {
		if (pattern == null || pattern.processedFolder() == null) {
			return;
		}
		Path folder = pattern.processedFolder();
		try {
			Files.createDirectories(folder);
			Path target = folder.resolve(file.getFileName().toString());
			if (Files.exists(target)) {
				target = folder.resolve(clock.millis() + "-" + file.getFileName());
			}
			Files.move(file, target);
			log.info("Moved {} to {}", file, target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot move " + file + " to " + folder + ": " + ex.getMessage(), ex);
		}
	}

	private void claim(String jobName, String what) {
		if (closed) {
			throw new RunStateException("The service is shutting down; no run starts now.");
		}
		String running = busy.putIfAbsent(jobName, what);
		if (running != null) {
			throw new JobBusyException(jobName, running);
		}
	}

	private void submit(String jobName, Runnable work) {
		try {
			threads.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.warn("Job '{}' ended with an error: {}", jobName, ex.getMessage());
				}
				finally {
					busy.remove(jobName);
				}
			});
		}
		catch (RuntimeException ex) {
			busy.remove(jobName);
			throw new RunStateException("The service is shutting down; no run starts now.");
		}
	}

	private void ended(RunOutcome outcome) {
		if (outcome.interrupted()) {
			// stopped by the shutdown, whatever started it (a trigger, the API, the dashboard): resumed at start-up
			record(outcome.runId(), outcome.jobName());
		}
		else {
			forget(outcome.runId());
		}
		metrics.recorded(outcome);
		log.info("Run {} of job '{}' ended: {} ({} rows this execution{})", outcome.runId(), outcome.jobName(),
				outcome.status(), outcome.rowsThisExecution(),
				outcome.interrupted() ? "; it resumes at the next start" : "");
	}

	private void record(long runId, String jobName) {
		try {
			requested.add(runId, jobName, clock.instant());
		}
		catch (DataAccessException ex) {
			log.warn("Run {} of job '{}' is not recorded for resuming after a restart: {}", runId, jobName,
					ex.getMessage());
		}
	}

	private void forget(long runId) {
		try {
			requested.remove(runId);
		}
		catch (DataAccessException ex) {
			log.warn("Run {} stays recorded for resuming after a restart: {}", runId, ex.getMessage());
		}
	}

	private static long await(CompletableFuture<Long> started, String jobName) {
		try {
			return started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RunRefusedException refused) {
				throw refused;
			}
			throw new LaunchFailedException("Job '" + jobName + "' could not start: "
					+ (cause != null ? cause.getMessage() : ex.getMessage()), cause != null ? cause : ex);
		}
		catch (TimeoutException ex) {
			throw new LaunchFailedException("Job '" + jobName + "' did not start within " + START_WAIT
					+ "; it may still start, see GET /api/runs", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchFailedException("Interrupted while starting job '" + jobName + "'", ex);
		}
	}

}
