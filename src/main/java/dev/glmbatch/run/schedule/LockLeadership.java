package dev.glmbatch.run.schedule;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leadership of a state database several service processes share: Spring
 * Integration's leader initiator holds one lock of the JDBC lock registry (table
 * {@code GLMB_LOCK}) while this process leads, renewing its lease every heartbeat. A
 * process that dies stops renewing; once the lease has run out another process takes the
 * lock, within the lease and one heartbeat. A process that stops normally gives the lock
 * up at once.
 */
final class LockLeadership implements Leadership, Candidate {

	private static final Logger log = LoggerFactory.getLogger(LockLeadership.class);

	/** The lock's name, and the role the initiator elects a leader for. */
	static final String ROLE = "glm-batch-service";

	/** The lock registry's region of the lock table for the service processes. */
	static final String REGION = "glm-batch";

	private final LockRegistryLeaderInitiator initiator;

	private final ScheduleProperties.Leader properties;

	private final String process;

	private final String region;

	private final JdbcTemplate jdbc;

	private volatile @Nullable LeaderDuties duties;

	private volatile boolean leads;

	/**
	 * @param locks the JDBC lock registry, on the lock table {@code GLMB_LOCK} in
	 * {@code region}, whose locks last {@code properties.lease()}
	 * @param process this process, as the lock table's {@code CLIENT_ID} names it
	 */
	LockLeadership(LockRegistry<?> locks, String region, ScheduleProperties.Leader properties, String process,
			DataSource dataSource, ApplicationEventPublisher events) {
		this.properties = properties;
		this.process = process;
		this.region = region;
		this.jdbc = new JdbcTemplate(dataSource);
		this.initiator = new LockRegistryLeaderInitiator(locks, this);
		this.initiator.setHeartBeatMillis(properties.heartbeat().toMillis());
		this.initiator.setLeaderEventPublisher(new DefaultLeaderEventPublisher(events));
	}

	@Override
	public void start(LeaderDuties duties) {
		this.duties = duties;
		initiator.start();
	}

	@Override
	public void stop() {
		initiator.stop();
		// the initiator gives the lock up on its own thread: wait for it, so that the
		// lock is free for another process before this one closes its database
		long deadline = System.nanoTime() + properties.heartbeat().multipliedBy(2).toNanos();
		try {
			while (leads && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean leads() {
		return leads;
	}

	@Override
	public String process() {
		return process;
	}

	/** Reads the lock table: the holder of a lock whose lease has not run out. */
	@Override
	public Optional<String> leader() {
		// the registry keeps a lock under the UUID of its name, and its times in UTC
		List<@Nullable String> holders = jdbc.queryForList(
				"SELECT CLIENT_ID FROM GLMB_LOCK WHERE REGION = ? AND LOCK_KEY = ? AND EXPIRED_AFTER >= ?",
				String.class, region, UUIDConverter.getUUID(ROLE).toString(), LocalDateTime.now(ZoneOffset.UTC));
		return holders.stream().filter(Objects::nonNull).map(Objects::requireNonNull).findFirst();
	}

	@Override
	public String getRole() {
		return ROLE;
	}

	@Override
	public String getId() {
		return process;
	}

	/**
	 * Called on the initiator's thread, which renews the lease only once this returns:
	 * the duties begin quickly and do their work on other threads.
	 */
	@Override
	public void onGranted(Context context) {
		leads = true;
		log.info("This process ({}) now leads the glm-batch services on this state database: it fires the schedules",
				process);
		LeaderDuties current = duties;
		if (current != null) {
			current.lead();
		}
	}

	@Override
	public void onRevoked(Context context) {
		if (!leads) {
			return;
		}
		leads = false;
		LeaderDuties current = duties;
		if (current != null) {
			current.stopLeading();
		}
		log.info("This process ({}) no longer leads: it no longer fires the schedules", process);
	}

}
