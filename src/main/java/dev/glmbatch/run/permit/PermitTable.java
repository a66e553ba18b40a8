package dev.glmbatch.run.permit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements on the permit tables of a PostgreSQL state database (migration V6), one
 * round trip each, in auto-commit; the database's clock is the only clock, so processes
 * on machines whose clocks differ agree on when a lease ends. Counts its round trips.
 * Thread-safe.
 */
final class PermitTable {

	/** A model's limit as the database holds it. */
	record Limit(int ceiling, int current, long epoch) {
	}

	private static final String LEASE_END = "CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'";

	private static final String FREE = "(OWNER IS NULL OR LEASE_UNTIL < CURRENT_TIMESTAMP)";

	private final JdbcTemplate jdbc;

	private final String account;

	private final long leaseMillis;

	private final LongAdder roundTrips = new LongAdder();

	/**
	 * @param account the account's key (a digest of endpoint and API key)
	 * @param lease how long a lease lasts from its last renewal
	 */
	PermitTable(DataSource dataSource, String account, Duration lease) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.account = account;
		this.leaseMillis = lease.toMillis();
	}

	long roundTrips() {
		return roundTrips.sum();
	}

	/**
	 * The model's limit row, made at the ceiling if there is none, and permit rows up to
	 * the ceiling.
	 * @param reset whether an existing limit starts again at this ceiling
	 */
	void ensure(String model, int ceiling, boolean reset) {
		String onConflict = reset ? "DO UPDATE SET CEILING = EXCLUDED.CEILING, CURRENT_LIMIT = EXCLUDED.CURRENT_LIMIT,"
				+ " EPOCH = GLMB_INFLIGHT_LIMIT.EPOCH + 1" : "DO NOTHING";
		update("INSERT INTO GLMB_INFLIGHT_LIMIT (ACCOUNT, MODEL, CEILING, CURRENT_LIMIT, EPOCH) VALUES (?, ?, ?, ?, 0)"
				+ " ON CONFLICT (ACCOUNT, MODEL) " + onConflict, account, model, ceiling, ceiling);
		update("INSERT INTO GLMB_INFLIGHT_PERMIT (ACCOUNT, MODEL, SLOT) SELECT ?, ?, S FROM generate_series(1, ?) AS S"
				+ " ON CONFLICT (ACCOUNT, MODEL, SLOT) DO NOTHING", account, model, ceiling);
	}

	@Nullable Limit limit(String model) {
		roundTrips.increment();
		List<Limit> limits = jdbc.query(
				"SELECT CEILING, CURRENT_LIMIT, EPOCH FROM GLMB_INFLIGHT_LIMIT WHERE ACCOUNT = ? AND MODEL = ?",
				(rs, row) -> new Limit(rs.getInt(1), rs.getInt(2), rs.getLong(3)), account, model);
		return limits.isEmpty() ? null : limits.get(0);
	}

	/** Halves the limit, unless it was cut since {@code epoch}. */
	void cut(String model, long epoch) {
		update("UPDATE GLMB_INFLIGHT_LIMIT SET CURRENT_LIMIT = GREATEST(1, CURRENT_LIMIT / 2), EPOCH = EPOCH + 1"
				+ " WHERE ACCOUNT = ? AND MODEL = ? AND EPOCH = ?", account, model, epoch);
	}

	/**
	 * Grows the limit by one up to the ceiling, unless it was cut since {@code epoch}.
	 */
	void grow(String model, long epoch) {
		update("UPDATE GLMB_INFLIGHT_LIMIT SET CURRENT_LIMIT = CURRENT_LIMIT + 1 WHERE ACCOUNT = ? AND MODEL = ?"
				+ " AND EPOCH = ? AND CURRENT_LIMIT < CEILING", account, model, epoch);
	}

	/**
	 * Leases up to {@code count} free permits within the limit, skipping those another
	 * process is claiming at this moment.
	 * @return the slots now held by {@code owner}
	 */
	List<Integer> claim(String model, String owner, int count) {
		roundTrips.increment();
		return jdbc.query("UPDATE GLMB_INFLIGHT_PERMIT SET OWNER = ?, LEASE_UNTIL = " + LEASE_END
				+ " WHERE ACCOUNT = ? AND MODEL = ? AND " + FREE + " AND SLOT IN (SELECT P.SLOT"
				+ " FROM GLMB_INFLIGHT_PERMIT P JOIN GLMB_INFLIGHT_LIMIT L ON L.ACCOUNT = P.ACCOUNT AND L.MODEL = P.MODEL"
				+ " WHERE P.ACCOUNT = ? AND P.MODEL = ? AND P.SLOT <= L.CURRENT_LIMIT"
				+ " AND (P.OWNER IS NULL OR P.LEASE_UNTIL < CURRENT_TIMESTAMP)"
				+ " ORDER BY P.SLOT LIMIT ? FOR UPDATE OF P SKIP LOCKED) RETURNING SLOT", (rs, row) -> rs.getInt(1),
				owner, leaseMillis, account, model, account, model, count);
	}

	/**
	 * Renews every lease of {@code owner}.
	 * @return the slots still held, by model: a slot missing was lost (its lease ran out
	 * and another process took it)
	 */
	Map<String, List<Integer>> renew(String owner) {
		roundTrips.increment();
		Map<String, List<Integer>> held = new LinkedHashMap<>();
		jdbc.query("UPDATE GLMB_INFLIGHT_PERMIT SET LEASE_UNTIL = " + LEASE_END
				+ " WHERE ACCOUNT = ? AND OWNER = ? RETURNING MODEL, SLOT", (rs) -> {
					held.computeIfAbsent(rs.getString(1), (model) -> new ArrayList<>()).add(rs.getInt(2));
				}, leaseMillis, account, owner);
		return held;
	}

	/** Gives permits back at once. */
	void giveBack(String model, String owner, Collection<Integer> slots) {
		if (slots.isEmpty()) {
			return;
		}
		roundTrips.increment();
		jdbc.execute((Connection connection) -> {
			Array array = connection.createArrayOf("integer", slots.toArray());
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE GLMB_INFLIGHT_PERMIT SET OWNER = NULL,"
						+ " LEASE_UNTIL = NULL WHERE ACCOUNT = ? AND MODEL = ? AND OWNER = ? AND SLOT = ANY(?)")) {
				statement.setString(1, account);
				statement.setString(2, model);
				statement.setString(3, owner);
				statement.setArray(4, array);
				return statement.executeUpdate();
			}
			finally {
				array.free();
			}
		});
	}

	/**
	 * Says how many permits {@code owner} wants now and reads what every live process
	 * wants (its own answer included).
	 */
	Map<String, Integer> wants(String model, String owner, int wanted) {
		update("INSERT INTO GLMB_INFLIGHT_HOLDER (ACCOUNT, MODEL, OWNER, WANTED, HEARTBEAT)"
				+ " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (ACCOUNT, MODEL, OWNER)"
				+ " DO UPDATE SET WANTED = EXCLUDED.WANTED, HEARTBEAT = EXCLUDED.HEARTBEAT", account, model, owner,
				wanted);
		roundTrips.increment();
		Map<String, Integer> wants = new LinkedHashMap<>();
		jdbc.query("SELECT OWNER, WANTED FROM GLMB_INFLIGHT_HOLDER WHERE ACCOUNT = ? AND MODEL = ? AND WANTED > 0"
				+ " AND HEARTBEAT > CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond'", (rs) -> {
					wants.put(rs.getString(1), rs.getInt(2));
				}, account, model, leaseMillis);
		wants.put(owner, wanted);
		return wants;
	}

	/** Gives back every permit of {@code owner} and forgets its wants. */
	void leave(String owner) {
		update("UPDATE GLMB_INFLIGHT_PERMIT SET OWNER = NULL, LEASE_UNTIL = NULL WHERE ACCOUNT = ? AND OWNER = ?",
				account, owner);
		update("DELETE FROM GLMB_INFLIGHT_HOLDER WHERE ACCOUNT = ? AND OWNER = ?", account, owner);
	}

	/** Forgets processes silent for many leases (killed ones). */
	void forgetSilent() {
		update("DELETE FROM GLMB_INFLIGHT_HOLDER WHERE HEARTBEAT < CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond'",
				leaseMillis * 10);
	}

	private void update(String sql, Object... args) {
		roundTrips.increment();
		jdbc.update(sql, args);
	}

}
