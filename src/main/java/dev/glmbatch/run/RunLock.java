package dev.glmbatch.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * One process at a time works a run. The owner refreshes a heartbeat row while it works;
 * a run whose heartbeat is older than {@link #STALE_AFTER} belongs to a dead process and
 * may be taken over. The heartbeat also carries stop requests from other processes
 * ({@code stop ID}).
 */
final class RunLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RunLock.class);

	static final Duration HEARTBEAT = Duration.ofSeconds(3);

	static final Duration STALE_AFTER = Duration.ofSeconds(30);

	private final JdbcTemplate jdbc;

	private final String runKey;

	private final String owner;

	private final Clock clock;

	private final ScheduledExecutorService heartbeat;

	private RunLock(JdbcTemplate jdbc, String runKey, String owner, Clock clock) {
		this.jdbc = jdbc;
		this.runKey = runKey;
		this.owner = owner;
		this.clock = clock;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("glmb-heartbeat-");
		// a heartbeat must never keep the process alive on its own
		threads.setDaemon(true);
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/**
	 * The identity of a run for locking: known before Spring Batch creates the job
	 * instance.
	 */
	static String keyOf(String jobName, JobParameters params) {
		String identity = jobName + "\n" + params.getString(RunParameters.INPUT) + "\n"
				+ params.getLong(RunParameters.SEQUENCE);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	static String currentOwner() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return ProcessHandle.current().pid() + "@" + host;
	}

	/**
	 * Takes the run for this process, then keeps the heartbeat fresh until
	 * {@link #close()}.
	 * @param exclusiveDatabase whether the database proves no other process is alive (any
	 * other owner is dead)
	 * @param onStopRequested called once when another process asks this run to stop
	 * @throws RunHeldException when a live process holds the run
	 */
	static RunLock claim(DataSource dataSource, String runKey, String runName, boolean exclusiveDatabase, Clock clock,
			Runnable onStopRequested) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String owner = currentOwner();
		Instant now = clock.instant();
		Timestamp staleBefore = Timestamp.from(exclusiveDatabase ? now.plusSeconds(1) : now.minus(STALE_AFTER));
		int taken = jdbc.update("""
				UPDATE GLMB_RUN_LOCK SET OWNER = ?, HEARTBEAT_AT = ?, STOP_REQUESTED = 0
				WHERE RUN_KEY = ? AND (OWNER = ? OR HEARTBEAT_AT < ?)""", owner, Timestamp.from(now), runKey, owner,
				staleBefore);
		if (taken == 0) {
			try {
				jdbc.update("INSERT INTO GLMB_RUN_LOCK (RUN_KEY, OWNER, HEARTBEAT_AT) VALUES (?, ?, ?)", runKey, owner,
						Timestamp.from(now));
			}
			catch (DuplicateKeyException ex) {
				List<@Nullable String> holders = jdbc.queryForList("SELECT OWNER FROM GLMB_RUN_LOCK WHERE RUN_KEY = ?",
						String.class, runKey);
				String holder = holders.isEmpty() ? "" : Objects.requireNonNullElse(holders.get(0), "");
				boolean takenOver = isDeadLocalProcess(holder)
						&& jdbc.update(
								"UPDATE GLMB_RUN_LOCK SET OWNER = ?, HEARTBEAT_AT = ?, STOP_REQUESTED = 0"
										+ " WHERE RUN_KEY = ? AND OWNER = ?",
								owner, Timestamp.from(now), runKey, holder) == 1;
				if (!takenOver) {
					throw new RunHeldException(runName + " is being worked by process " + holder
							+ " (its heartbeat is fresh). Wait for it to finish, or stop it (stop ID, Ctrl-C in its"
							+ " terminal, or kill -TERM with its pid).");
				}
			}
		}
		RunLock lock = new RunLock(jdbc, runKey, owner, clock);
		lock.heartbeat.scheduleWithFixedDelay(() -> lock.beat(onStopRequested), HEARTBEAT.toMillis(),
				HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		return lock;
	}

	/**
	 * An owner on this host whose process no longer exists cannot be working the run,
	 * whatever its heartbeat.
	 */
	static boolean isDeadLocalProcess(String holder) {
		int at = holder.indexOf('@');
		if (at < 1 || !holder.substring(at + 1).equals(currentOwner().substring(currentOwner().indexOf('@') + 1))) {
			return false;
		}
		try {
			long pid = Long.parseLong(holder.substring(0, at));
			return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Asks the process working a run to stop at its next chunk boundary. */
	static boolean requestStop(DataSource dataSource, long instanceId) {
		return new JdbcTemplate(dataSource)
			.update("UPDATE GLMB_RUN_LOCK SET STOP_REQUESTED = 1 WHERE JOB_INSTANCE_ID = ?", instanceId) > 0;
	}

	/**
	 * Records which job instance this lock guards, once Spring Batch has created it, so
	 * that stop ID finds it.
	 */
	void attach(long instanceId) {
		jdbc.update("UPDATE GLMB_RUN_LOCK SET JOB_INSTANCE_ID = ? WHERE RUN_KEY = ? AND OWNER = ?", instanceId, runKey,
				owner);
	}

	private boolean stopSignalled;

	private void beat(Runnable onStopRequested) {
		try {
			jdbc.update("UPDATE GLMB_RUN_LOCK SET HEARTBEAT_AT = ? WHERE RUN_KEY = ? AND OWNER = ?",
					Timestamp.from(clock.instant()), runKey, owner);
			Integer stop = jdbc.queryForObject("SELECT STOP_REQUESTED FROM GLMB_RUN_LOCK WHERE RUN_KEY = ?",
					Integer.class, runKey);
			if (!stopSignalled && stop != null && stop == 1) {
				stopSignalled = true;
				log.info("Stop requested: stopping at the next chunk boundary");
				onStopRequested.run();
			}
		}
		catch (DataAccessException ex) {
			log.warn("Heartbeat failed: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		heartbeat.shutdownNow();
		try {
			jdbc.update("DELETE FROM GLMB_RUN_LOCK WHERE RUN_KEY = ? AND OWNER = ?", runKey, owner);
		}
		catch (DataAccessException ex) {
			log.warn("Cannot release a run lock: {}", ex.getMessage());
		}
	}

}
