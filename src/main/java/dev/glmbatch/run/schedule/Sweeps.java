package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.glmbatch.jobdef.InputPattern;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps a job's input files in name order: each file is run with resume-or-start
 * semantics, so a completed file is skipped without a call, a failed or interrupted one
 * is resumed, and a new one is started. Completed files are moved to the job's
 * {@code processed} folder when it has one. A scheduled trigger starts a sweep unless the
 * job is busy. Keeps the report of each job's last trigger.
 */
class Sweeps {

	private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

	private final RunOperator operator;

	private final RunOptions options;

	private final BusyJobs busy;

	private final RunFollower follower;

	private final Clock clock;

	private final RunMetrics metrics;

	private final Map<String, TriggerReport> lastTriggers = new ConcurrentHashMap<>();

	Sweeps(RunOperator operator, RunOptions options, BusyJobs busy, RunFollower follower, Clock clock,
			RunMetrics metrics) {
		this.operator = operator;
		this.options = options;
		this.busy = busy;
		this.follower = follower;
		this.clock = clock;
		this.metrics = metrics;
	}

	Optional<TriggerReport> lastTrigger(String jobName) {
		return Optional.ofNullable(lastTriggers.get(jobName));
	}

	void report(String jobName, String outcome) {
		lastTriggers.put(jobName, new TriggerReport(clock.instant(), outcome));
	}

	/**
	 * A scheduled trigger: sweeps the job's files on a thread of {@code workers} unless
	 * the job is busy, in which case the trigger is reported and skipped.
	 * @return whether a sweep started
	 */
	boolean trigger(JobFile job, JobWorkers workers) {
		Busy running = busy.claimIfFree(job.name(), Busy.sweep("triggered sweep"));
		if (running != null) {
			log.warn("Trigger of job '{}' skipped: it is still busy ({})", job.name(), running.detail());
			report(job.name(), "skipped: still busy (" + running.detail() + ")");
			metrics.triggerSkipped(job.name());
			return false;
		}
		if (workers.closed()) {
			busy.release(job.name());
			return false;
		}
		workers.submit(job.name(), () -> sweep(job, workers::closed));
		return true;
	}

	/**
	 * Goes through the job's files, one run after the other, until they are done or
	 * {@code closed} says stop.
	 */
	void sweep(JobFile job, BooleanSupplier closed) {
		InputPattern pattern = job.inputPattern();
		List<Path> files = (pattern != null) ? pattern.files() : List.of(job.definition().input().path());
		int processed = 0;
		int failed = 0;
		for (Path file : files) {
			if (closed.getAsBoolean()) {
				break;
			}
			if (!Files.isRegularFile(file)) {
				continue;
			}
			try {
				busy.now(job.name(), Busy.sweep("processing " + file.getFileName()));
				RunOutcome outcome = operator.start(job.forInput(file), options).await();
				follower.ended(outcome);
				switch (outcome.status()) {
					case COMPLETED -> {
						processed++;
						moveProcessed(pattern, file);
					}
					case ALREADY_COMPLETED -> moveProcessed(pattern, file);
					case STOPPED -> {
						report(job.name(), "stopped at run " + outcome.runId() + "; the next trigger resumes it");
						return;
					}
					default -> {
						failed++;
						log.warn("Run {} of job '{}' on {} failed: {}; the next trigger resumes it", outcome.runId(),
								job.name(), file, outcome.failure());
					}
				}
			}
			catch (RuntimeException ex) {
				// one bad file must not keep the others waiting; it is tried again at the
				// next trigger
				failed++;
				log.warn("Job '{}' cannot process {}: {}", job.name(), file, ex.getMessage());
			}
		}
		report(job.name(), processed + " file(s) processed, " + failed + " failed, " + files.size() + " matching");
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

}
