package dev.glmbatch.run;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The runs this process is executing (the command line has one; the service one per job),
 * so that they can be stopped together when the process stops and waited for. Spring
 * Batch's job repository knows every run in the state database; this registry knows only
 * which of them this process works, and why it was asked to stop each.
 *
 * <p>
 * Thread-safe: runs register and leave on their own threads while a signal handler or a
 * shutdown stops them.
 */
@Component
public class ActiveRuns {

	private static final Logger log = LoggerFactory.getLogger(ActiveRuns.class);

	private final JobRepository jobRepository;

	private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();

	/** Guards the moment the registry empties, for {@link #awaitIdle}. */
	private final Lock lock = new ReentrantLock();

	private final Condition idle = lock.newCondition();

	/**
	 * Set by {@link #stopActive()}: also stops runs that are still starting; cleared when
	 * none is left.
	 */
	private volatile boolean stopRequested;

	public ActiveRuns(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * Asks every execution running in this process to stop at its next chunk boundary,
	 * because the process is stopping; an execution that is still starting stops before
	 * its first step. Their outcomes say {@link RunOutcome#interrupted() interrupted},
	 * unless a stop request for the run came first.
	 */
	public void stopActive() {
		stopRequested = true;
		List.copyOf(active).forEach(run -> run.stop(StopReason.PROCESS_STOPPING));
	}

	/** Waits until no execution runs in this process, or the timeout passes. */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long left = timeout.toNanos();
		lock.lock();
		try {
			while (!active.isEmpty()) {
				if (left <= 0) {
					return false;
				}
				left = idle.awaitNanos(left);
			}
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	/** Enters a run that is about to start; it stays until {@link ActiveRun#close()}. */
	ActiveRun register() {
		ActiveRun run = new ActiveRun();
		active.add(run);
		return run;
	}

	/** Why a run was asked to stop; the first reason wins. */
	enum StopReason {

		/** A stop request for this run ({@code stop ID}, the API). */
		REQUESTED,

		/**
		 * The process is stopping (Ctrl-C, SIGTERM, a service shutdown): the run is meant
		 * to go on at the next start.
		 */
		PROCESS_STOPPING

	}

	/**
	 * A run this process executes: its execution once Spring Batch has created it, and
	 * why it was asked to stop.
	 */
	final class ActiveRun implements AutoCloseable {

		private final AtomicReference<@Nullable JobExecution> execution = new AtomicReference<>();

		private final AtomicReference<@Nullable StopReason> stopReason = new AtomicReference<>();

		/**
		 * Called when Spring Batch has created the execution, before its first step.
		 * @return whether the run must stop before its first step (it was asked to while
		 * starting)
		 */
		boolean started(JobExecution created) {
			execution.set(created);
			if (stopRequested) {
				stopReason.compareAndSet(null, StopReason.PROCESS_STOPPING);
			}
			return stopReason.get() != null;
		}

		/**
		 * Whether the run was stopped because the process was stopping, before any stop
		 * request for it.
		 */
		boolean processStopping() {
			return stopReason.get() == StopReason.PROCESS_STOPPING;
		}

		/**
		 * Asks the run to stop at its next chunk boundary; before its first step when it
		 * is still starting.
		 */
		void stop(StopReason reason) {
			stopReason.compareAndSet(null, reason);
			JobExecution running = execution.get();
			if (running == null) {
				return;
			}
			markStopping(running);
		}

		/**
		 * Marks the execution {@code STOPPING} in the job repository: its step sees it at
		 * the next chunk boundary (the read-ahead while it waits for a row), and the job
		 * ends {@code STOPPED} once the step has returned, after its last chunk
		 * committed. Not {@code JobOperator.stop}: in Spring Batch 6 it also sets the
		 * execution's end time, with which the repository writes {@code STOPPED} at once,
		 * so that {@code list}, {@code status} and the API showed the run stopped, with
		 * its resume command, while its last chunk was still being written.
		 */
		private void markStopping(JobExecution running) {
			BatchStatus status = running.getStatus();
			if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
				// ended, or stopping on an earlier request: nothing to do
				log.debug("Execution {} is {}; no stop needed", running.getId(), status);
				return;
			}
			running.setStatus(BatchStatus.STOPPING);
			try {
				jobRepository.update(running);
			}
			catch (RuntimeException ex) {
				log.warn("Cannot mark execution {} as stopping: {}", running.getId(), ex.getMessage());
			}
		}

		/**
		 * Leaves the registry; the last run to leave clears a stop request, which applies
		 * to the runs it found.
		 */
		@Override
		public void close() {
			lock.lock();
			try {
				active.remove(this);
				if (active.isEmpty()) {
					stopRequested = false;
					idle.signalAll();
				}
			}
			finally {
				lock.unlock();
			}
		}

	}

}
