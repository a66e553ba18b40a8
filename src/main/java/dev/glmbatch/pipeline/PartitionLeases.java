package dev.glmbatch.pipeline;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The leases of the partitions workers work ({@code GLMB_PARTITION}), timed by the
 * database's clock, so that the hosts' clocks need not agree. A worker takes a lease when
 * it claims a partition's request, renews it every {@link #HEARTBEAT} while it works, and
 * releases it when the partition has ended. A lease not renewed for {@link #STALE_AFTER}
 * belongs to a worker that is gone: the manager then ends that worker's database
 * sessions, fails the partition as {@link #LOST}, which also fences the worker if it is
 * only paused (its next commit fails on the step execution's version), and resumes the
 * run.
 */
public final class PartitionLeases {

	private static final Logger log = LoggerFactory.getLogger(PartitionLeases.class);

	/** How often a worker renews its lease, and the manager looks for stale ones. */
	public static final Duration HEARTBEAT = Duration.ofSeconds(2);

	/** How long a lease lasts without a renewal. */
	public static final Duration STALE_AFTER = Duration.ofSeconds(10);

	/** How often a manager whose partitions ended looks whether their workers let go. */
	private static final Duration RELEASE_POLL = Duration.ofMillis(200);

	/** The exit code of a partition whose worker was lost, or let it go unfinished. */
	public static final String LOST = "LOST";

	/** The longest session name PostgreSQL keeps. */
	private static final int SESSION_NAME_LENGTH = 63;

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	public PartitionLeases(DataSource dataSource, JobRepository jobRepository) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jobRepository = jobRepository;
	}

	/**
	 * The name of a process's sessions on PostgreSQL ({@code application_name}), by which
	 * a manager finds those of a worker that stopped renewing its lease.
	 * @param worker the worker's name in its leases
	 */
	public static String sessionOf(String worker) {
		String name = "glm-batch " + worker;
		return (name.length() > SESSION_NAME_LENGTH) ? name.substring(0, SESSION_NAME_LENGTH) : name;
	}

	/**
	 * Leases a partition to a worker; call it in the transaction that claims its request.
	 */
	public void take(StepExecution partition, String worker) {
		jdbc.update("""
				INSERT INTO GLMB_PARTITION (STEP_EXECUTION_ID, JOB_EXECUTION_ID, FIRST_ROW, LAST_ROW, WORKER,
				  HEARTBEAT_AT) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)""", partition.getId(),
				partition.getJobExecutionId(), partition.getExecutionContext().getLong(StoredInput.FIRST_ROW),
				partition.getExecutionContext().getLong(StoredInput.LAST_ROW), worker);
	}

	/** Renews a lease; returns whether the worker still holds it. */
	public boolean renew(long stepExecutionId, String worker) {
		return jdbc.update("""
				UPDATE GLMB_PARTITION SET HEARTBEAT_AT = CURRENT_TIMESTAMP
				WHERE STEP_EXECUTION_ID = ? AND WORKER = ? AND RELEASED = FALSE""", stepExecutionId, worker) == 1;
	}

	/**
	 * Renews a worker's lease every {@link #HEARTBEAT} until closed; a partition whose
	 * lease was taken from its worker (the manager failed it as lost) is asked to stop at
	 * its next chunk, which its step execution's version would refuse anyway.
	 */
	public AutoCloseable renewWhileWorked(StepExecution partition, String worker) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("glmb-lease-");
		threads.setDaemon(true);
		ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(threads);
		heartbeat.scheduleWithFixedDelay(() -> {
			try {
				if (!renew(partition.getId(), worker)) {
					log.warn("{} lost its lease; it stops at its next chunk", partition.getStepName());
					partition.setTerminateOnly();
				}
			}
			catch (DataAccessException ex) {
				log.warn("Cannot renew the lease of {}: {}", partition.getStepName(), ex.getMessage());
			}
		}, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		return heartbeat::shutdownNow;
	}

	/** Ends a lease: the partition has ended, or was given up. */
	public void release(long stepExecutionId) {
		jdbc.update("UPDATE GLMB_PARTITION SET RELEASED = TRUE WHERE STEP_EXECUTION_ID = ?", stepExecutionId);
	}

	/**
	 * The partitions of a job execution leased to workers that renew their leases: a new
	 * manager must let them finish before it recovers the run.
	 */
	public int live(long jobExecutionId) {
		Integer live = jdbc.queryForObject("""
				SELECT COUNT(*) FROM GLMB_PARTITION WHERE JOB_EXECUTION_ID = ? AND RELEASED = FALSE
				AND HEARTBEAT_AT >= CURRENT_TIMESTAMP - ? * INTERVAL '1 second'""", Integer.class, jobExecutionId,
				STALE_AFTER.toSeconds());
		return (live == null) ? 0 : live;
	}

	/**
	 * Fails, as {@link #LOST}, the running partitions of a job execution whose leases are
	 * stale, and those still waiting for a worker when the run is stopping (they end
	 * {@code STOPPED} instead).
	 */
	void reap(long jobExecutionId, boolean stopping) {
		record Stale(long stepExecutionId, String worker) {
		}
		List<Stale> stale = jdbc.query("""
				SELECT p.STEP_EXECUTION_ID, p.WORKER FROM GLMB_PARTITION p
				JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = p.STEP_EXECUTION_ID
				WHERE p.JOB_EXECUTION_ID = ? AND p.RELEASED = FALSE AND s.STATUS IN ('STARTING', 'STARTED')
				AND p.HEARTBEAT_AT < CURRENT_TIMESTAMP - ? * INTERVAL '1 second'""",
				(rs, n) -> new Stale(rs.getLong(1), rs.getString(2)), jobExecutionId, STALE_AFTER.toSeconds());
		for (Stale partition : stale) {
			fence(partition.worker());
			if (end(partition.stepExecutionId(), BatchStatus.FAILED,
					"its worker stopped renewing its lease; it resumes on another worker")) {
				release(partition.stepExecutionId());
			}
		}
		if (stopping) {
			List<Long> unclaimed = jdbc.query("""
					SELECT s.STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION s
					WHERE s.JOB_EXECUTION_ID = ? AND s.STATUS = 'STARTING'
					AND NOT EXISTS (SELECT 1 FROM GLMB_PARTITION p WHERE p.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID)""",
					(rs, n) -> rs.getLong(1), jobExecutionId);
			for (long id : unclaimed) {
				end(id, BatchStatus.STOPPED, "the run stopped before a worker took it");
			}
		}
	}

	/**
	 * Ends the database sessions of a worker that stopped renewing its lease. A worker
	 * that is paused, or cut off from the network, keeps its open transactions, and with
	 * them the row locks of the chunk or the paid answer it was committing: the
	 * partition's step execution could not be failed, and the worker that resumes the
	 * partition would wait forever to record the same answer. A worker killed outright
	 * has no sessions left, and loses nothing here.
	 */
	void fence(String worker) {
		try {
			Integer ended = jdbc.queryForObject("""
					SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
					WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid()""",
					Integer.class, sessionOf(worker));
			if (ended != null && ended > 0) {
				log.warn("Ended {} database sessions of worker {}, which stopped renewing its lease", ended, worker);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Cannot end the database sessions of worker {}, which stopped renewing its lease: {}", worker,
					ex.getMessage());
		}
	}

	/**
	 * Ends a partition that is not running in this process, unless it changed meanwhile
	 * (its worker committed, or ended it).
	 */
	public boolean end(long stepExecutionId, BatchStatus status, String why) {
		StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
		if (partition == null || !partition.getStatus().isRunning()) {
			return false;
		}
		partition.setStatus(status);
		partition.setExitStatus((status == BatchStatus.STOPPED) ? ExitStatus.STOPPED.addExitDescription(why)
				: new ExitStatus(LOST, why));
		partition.setEndTime(LocalDateTime.now());
		try {
			jobRepository.update(partition);
			log.warn("Partition {} (step execution {}) {}", partition.getStepName(), stepExecutionId, why);
			return true;
		}
		catch (OptimisticLockingFailureException ex) {
			return false;
		}
	}

	/**
	 * Watches, while the manager's step waits for its partitions, for partitions whose
	 * worker is gone, and fails them; and once the run is stopping, stops those no worker
	 * has taken.
	 */
	StepExecutionListener reaper() {
		return new StepExecutionListener() {

			private @Nullable ScheduledExecutorService watch;

			@Override
			public void beforeStep(StepExecution manager) {
				CustomizableThreadFactory threads = new CustomizableThreadFactory("glmb-partition-reaper-");
				threads.setDaemon(true);
				ScheduledExecutorService scheduled = Executors.newSingleThreadScheduledExecutor(threads);
				long jobExecutionId = manager.getJobExecutionId();
				scheduled.scheduleWithFixedDelay(() -> {
					try {
						reap(jobExecutionId, stopping(jobExecutionId));
					}
					catch (DataAccessException ex) {
						log.warn("Cannot look for lost partitions: {}", ex.getMessage());
					}
				}, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
				watch = scheduled;
			}

			@Override
			public @Nullable ExitStatus afterStep(StepExecution manager) {
				ScheduledExecutorService scheduled = watch;
				if (scheduled != null) {
					scheduled.shutdownNow();
				}
				awaitReleased(manager.getJobExecutionId());
				return null;
			}

		};
	}

	/**
	 * Waits until the workers have let go of every partition of a job execution, or their
	 * leases have gone stale. A worker records its partition's end before it closes the
	 * partition's reader, and closing waits for the calls still running: the run must not
	 * end, and its process exit, while a worker still sends them.
	 */
	private void awaitReleased(long jobExecutionId) {
		try {
			while (live(jobExecutionId) > 0) {
				Thread.sleep(RELEASE_POLL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (DataAccessException ex) {
			log.warn("Cannot look whether the workers let go of their partitions: {}", ex.getMessage());
		}
	}

	/**
	 * Whether the run is stopping: {@code STOPPING}, or already {@code STOPPED} in the
	 * job repository while its manager waits for the partitions to end.
	 */
	public boolean stopping(long jobExecutionId) {
		String status = jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, jobExecutionId);
		return BatchStatus.STOPPING.name().equals(status) || BatchStatus.STOPPED.name().equals(status);
	}

}
