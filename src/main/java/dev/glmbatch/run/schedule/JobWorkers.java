package dev.glmbatch.run.schedule;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.glmbatch.run.ActiveRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads that do a job's longer work for the service (a sweep through its files, the
 * resumes at start-up), one piece of work per busy job, and the shutdown that stops them:
 * no new work once it has begun, the running runs asked to stop at a chunk boundary, and
 * a bounded wait for them. A single run started on request needs no thread here: it runs
 * on the thread its {@link dev.glmbatch.run.RunOperator} gives it.
 */
class JobWorkers {

	private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

	private final BusyJobs busy;

	private final ActiveRuns activeRuns;

	/**
	 * Not daemons: work between two runs must not be cut off by the end of the main
	 * thread.
	 */
	private final ExecutorService threads = Executors.newCachedThreadPool(new CustomizableThreadFactory("glmb-job-"));

	private volatile boolean closed;

	JobWorkers(BusyJobs busy, ActiveRuns activeRuns) {
		this.busy = busy;
		this.activeRuns = activeRuns;
	}

	/** Whether the shutdown has begun: work in progress stops at its next step. */
	boolean closed() {
		return closed;
	}

	/**
	 * Marks a free job busy.
	 * @throws RunStateException when the service is shutting down
	 * @throws JobBusyException when the job is busy already
	 */
	void claim(String jobName, Busy what) {
		if (closed) {
			throw new RunStateException("The service is shutting down; no run starts now.");
		}
		busy.claim(jobName, what);
	}

	/**
	 * Does a claimed job's work on a thread of its own, and frees the job when the work
	 * ends.
	 */
	void submit(String jobName, Runnable work) {
		try {
			threads.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.warn("Job '{}' ended with an error: {}", jobName, ex.getMessage());
				}
				finally {
					busy.release(jobName);
				}
			});
		}
		catch (RuntimeException ex) {
			busy.release(jobName);
			throw new RunStateException("The service is shutting down; no run starts now.");
		}
	}

	/**
	 * Stops starting work, asks the running runs to stop at a chunk boundary and waits
	 * for them.
	 */
	void shutdown(Duration wait) {
		closed = true;
		threads.shutdown();
		activeRuns.stopActive();
		long deadline = System.nanoTime() + wait.toNanos();
		try {
			boolean ended = threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)
					&& activeRuns.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (!ended) {
				log.warn("Runs still going after {}; they go on from their last chunk at the next start or trigger",
						wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
