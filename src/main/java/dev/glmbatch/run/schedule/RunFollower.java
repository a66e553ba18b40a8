package dev.glmbatch.run.schedule;

import java.time.Clock;

import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.StartedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Follows the service's runs to their end: keeps those that must go on after a restart in
 * {@link RequestedRuns} while they run, forgets them once they ended by themselves, keeps
 * those that a shutdown interrupted, and counts every outcome in the {@link RunMetrics}.
 * A failure to write that record is logged, never fatal to the run.
 */
class RunFollower {

	private static final Logger log = LoggerFactory.getLogger(RunFollower.class);

	private final RequestedRuns requested;

	private final Clock clock;

	private final RunMetrics metrics;

	RunFollower(RequestedRuns requested, Clock clock, RunMetrics metrics) {
		this.requested = requested;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Follows a run started on request until it ends, then runs {@code whenDone} (which
	 * frees its job).
	 * @param keepOnError whether a run whose execution threw stays recorded (a resumed
	 * run is tried again at the next start; a new one is not)
	 */
	void follow(StartedRun started, String jobName, boolean keepOnError, Runnable whenDone) {
		recordIfRunning(started, jobName);
		started.outcome().whenComplete((outcome, failure) -> {
			try {
				if (outcome != null) {
					ended(outcome);
				}
				else {
					if (!keepOnError) {
						forget(started.runId());
					}
					log.warn("Job '{}' ended with an error: {}", jobName, failure.getMessage());
				}
			}
			finally {
				whenDone.run();
			}
		});
	}

	/** Records a run that executes now; one found completed has nothing to resume. */
	void recordIfRunning(StartedRun started, String jobName) {
		if (started.start() != StartedRun.Start.ALREADY_COMPLETED) {
			record(started.runId(), jobName);
		}
	}

	void ended(RunOutcome outcome) {
		if (outcome.interrupted()) {
			// stopped by the shutdown, whatever started it (a trigger, the API, the
			// dashboard): resumed at start-up
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

	void record(long runId, String jobName) {
		try {
			requested.add(runId, jobName, clock.instant());
		}
		catch (DataAccessException ex) {
			log.warn("Run {} of job '{}' is not recorded for resuming after a restart: {}", runId, jobName,
					ex.getMessage());
		}
	}

	void forget(long runId) {
		try {
			requested.remove(runId);
		}
		catch (DataAccessException ex) {
			log.warn("Run {} stays recorded for resuming after a restart: {}", runId, ex.getMessage());
		}
	}

}
