package dev.glmbatch.run.permit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.llm.SharedInFlightLimit;

/**
 * The account's in-flight limit shared through the permit tables of a PostgreSQL state
 * database. An attempt takes a permit this process has leased ({@link ModelPermits}); a
 * background thread renews the leases, says how many permits this process wants and reads
 * the limit and the other processes' wants, every {@code glmbatch.permits.renewal}. A
 * process killed without a goodbye stops renewing, and its permits come back to the
 * others when their leases end ({@code glmbatch.permits.lease}); one that closes gives
 * them back at once. Thread-safe.
 */
public final class JdbcSharedInFlightLimit implements SharedInFlightLimit, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JdbcSharedInFlightLimit.class);

	/** Renewals between two sweeps of the wants of processes long gone. */
	private static final int SWEEP_EVERY = 60;

	private final PermitTable table;

	private final PermitProperties properties;

	private final String owner;

	private final Map<String, ModelPermits> models = new ConcurrentHashMap<>();

	private final LongAdder attempts = new LongAdder();

	private final ScheduledExecutorService renewals;

	private long renewalCount;

	private boolean renewalFailing;

	/**
	 * @param dataSource the PostgreSQL state database, migrated
	 * @param account what identifies the account: its endpoint and API key, digested
	 * here, never stored
	 */
	JdbcSharedInFlightLimit(DataSource dataSource, String account, PermitProperties properties) {
		this.table = new PermitTable(dataSource, digest(account), properties.lease());
		this.properties = properties;
		this.owner = processName();
		this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "glm-permit-renewal");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.renewal().toMillis();
		this.renewals.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void register(String model, int ceiling) {
		table.ensure(model, ceiling, false);
		models.computeIfAbsent(model, (key) -> new ModelPermits(key, owner, table)).readLimit();
	}

	@Override
	public void setCeiling(String model, int ceiling) {
		table.ensure(model, ceiling, true);
		models.computeIfAbsent(model, (key) -> new ModelPermits(key, owner, table)).readLimit();
	}

	@Override
	public Permit acquire(String model) throws InterruptedException {
		ModelPermits permits = models.get(model);
		if (permits == null) {
			throw new IllegalStateException("model " + model + " was not registered before its first permit");
		}
		attempts.increment();
		return permits.acquire();
	}

	@Override
	public int limit(String model) {
		ModelPermits permits = models.get(model);
		return (permits != null) ? permits.limit() : 0;
	}

	/** Database round trips per attempt so far: the cost of sharing the limit. */
	double roundTripsPerAttempt() {
		long count = attempts.sum();
		return (count == 0) ? 0 : (double) table.roundTrips() / count;
	}

	private void renew() {
		try {
			long started = System.nanoTime();
			Map<String, List<Integer>> held = table.renew(owner);
			models.forEach((model, permits) -> permits.renewed(held.getOrDefault(model, List.of()), started));
			if (++renewalCount % SWEEP_EVERY == 0) {
				table.forgetSilent();
			}
			if (renewalFailing) {
				log.info("In-flight permits renewed again");
				renewalFailing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!renewalFailing) {
				log.warn("Cannot renew the in-flight permits (lost after {}): {}", properties.lease(), ex.getMessage());
				renewalFailing = true;
			}
		}
	}

	/** Stops renewing and gives every permit back to the other processes. */
	@Override
	public void close() {
		renewals.shutdownNow();
		try {
			table.leave(owner);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot give the in-flight permits back (they come back after {}): {}", properties.lease(),
					ex.getMessage());
		}
		log.debug("Shared in-flight permits: {} attempts, {} database round trips ({} per attempt)", attempts.sum(),
				table.roundTrips(), String.format("%.4f", roundTripsPerAttempt()));
	}

	private static String processName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String digest(String account) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

}
