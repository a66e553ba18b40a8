package dev.glmbatch.run;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.progress.Progress;
import dev.glmbatch.progress.ProgressDisplay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run's progress over time, kept with the run in the state database
 * ({@code GLMB_RUN_SAMPLE}): sampled every few seconds while it runs, so that its
 * dashboard page draws the same charts while it runs and after it ended, whichever
 * process of the service serves the page.
 */
public final class RunSeries {

	/** The fewest seconds between two samples of a run. */
	static final Duration INTERVAL = Duration.ofSeconds(2);

	/**
	 * The most samples {@link #samples} answers: a long run keeps one every few seconds,
	 * a chart needs no more than its width.
	 */
	public static final int MAX_POINTS = 600;

	private static final Logger log = LoggerFactory.getLogger(RunSeries.class);

	private final JdbcTemplate jdbc;

	public RunSeries(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The samples of a run, oldest first, thinned evenly to at most {@link #MAX_POINTS}
	 * (the last one always kept); empty for a run that has none (it has not run for two
	 * seconds yet, or an earlier version ran it).
	 */
	public List<RunSample> samples(long runId) {
		List<RunSample> all = jdbc.query("""
				SELECT SAMPLED_AT, ROWS_DONE, TOTAL_ROWS, ROWS_PER_SECOND, ETA_SECONDS, IN_FLIGHT, IN_FLIGHT_LIMIT,
				  RATE_LIMITED, OVERLOADED, TOKENS, COST_USD
				FROM GLMB_RUN_SAMPLE WHERE JOB_INSTANCE_ID = ? ORDER BY SAMPLED_AT""",
				(rs, n) -> new RunSample(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
						rs.getDouble(4), (rs.getObject(5) != null) ? rs.getLong(5) : null, rs.getInt(6), rs.getInt(7),
						rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getBigDecimal(11)),
				runId);
		if (all.size() <= MAX_POINTS) {
			return all;
		}
		List<RunSample> thinned = new ArrayList<>(MAX_POINTS);
		double step = (all.size() - 1) / (double) (MAX_POINTS - 1);
		for (int i = 0; i < MAX_POINTS; i++) {
			thinned.add(all.get((int) Math.round(i * step)));
		}
		return thinned;
	}

	/**
	 * A display that also keeps a sample of the run every {@link #INTERVAL} and at the
	 * end, then hands the progress on.
	 * @param display the display the run shows its progress on
	 * @param runId the run's id, once Spring Batch has created it ({@code null} before)
	 * @param traffic the GLM client's view of the model's calls in this process
	 * @param model the run's model
	 * @param clock the clock of the samples' times
	 */
	ProgressDisplay recording(ProgressDisplay display, Supplier<@Nullable Long> runId, LlmTraffic traffic, String model,
			Clock clock) {
		return new Recorder(display, runId, traffic, model, clock);
	}

	private void insert(long runId, Instant at, Progress progress, long rateLimited, long overloaded) {
		jdbc.update("""
				INSERT INTO GLMB_RUN_SAMPLE (JOB_INSTANCE_ID, SAMPLED_AT, ROWS_DONE, TOTAL_ROWS, ROWS_PER_SECOND,
				  ETA_SECONDS, IN_FLIGHT, IN_FLIGHT_LIMIT, RATE_LIMITED, OVERLOADED, TOKENS, COST_USD)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", runId, at.toEpochMilli(), progress.rowsDone(),
				progress.totalRows(), progress.rowsPerSecond(),
				(progress.eta() != null) ? Objects.requireNonNull(progress.eta()).toSeconds() : null,
				progress.inFlight(), progress.limit(), rateLimited, overloaded, progress.tokens(), progress.costUsd());
	}

	/**
	 * The 429 counts a run had reached when its earlier execution ended, so that a
	 * resumed run's counts go on from there rather than from zero.
	 */
	private long[] countsSoFar(long runId) {
		List<long[]> last = jdbc.query("""
				SELECT RATE_LIMITED, OVERLOADED FROM GLMB_RUN_SAMPLE WHERE JOB_INSTANCE_ID = ?
				ORDER BY SAMPLED_AT DESC FETCH FIRST 1 ROWS ONLY""",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, runId);
		return last.isEmpty() ? new long[2] : last.get(0);
	}

	/**
	 * One sample of a run.
	 *
	 * @param at when it was taken
	 * @param rowsDone rows committed, all executions together
	 * @param totalRows rows in the input
	 * @param rowsPerSecond rows committed per second by the execution so far
	 * @param etaSeconds time left at that rate, or {@code null} before the rate is known
	 * @param inFlight GLM calls in flight then (of the run's model, in its process)
	 * @param limit the in-flight limit then; 0 when the client sets none
	 * @param rateLimited calls answered 429 "too many requests" (Z.AI 1302, 1303) so far
	 * @param overloaded calls answered 429 "platform overloaded" (Z.AI 1305) so far
	 * @param tokens prompt and completion tokens paid by the committed rows
	 * @param costUsd what the committed rows cost, or {@code null} when a model without a
	 * price answered some of them
	 */
	public record RunSample(Instant at, long rowsDone, long totalRows, double rowsPerSecond, @Nullable Long etaSeconds,
			int inFlight, int limit, long rateLimited, long overloaded, long tokens, @Nullable BigDecimal costUsd) {

		public RunSample {
			Objects.requireNonNull(at, "at");
		}

	}

	private final class Recorder implements ProgressDisplay {

		private final ProgressDisplay display;

		private final Supplier<@Nullable Long> runId;

		private final LlmTraffic traffic;

		private final String model;

		private final Clock clock;

		private final TrafficSnapshot before;

		// guarded by this
		private long @Nullable [] earlier;

		// guarded by this
		private @Nullable Instant last;

		Recorder(ProgressDisplay display, Supplier<@Nullable Long> runId, LlmTraffic traffic, String model,
				Clock clock) {
			this.display = display;
			this.runId = runId;
			this.traffic = traffic;
			this.model = model;
			this.clock = clock;
			this.before = traffic.traffic(model);
		}

		@Override
		public void show(Progress progress) {
			if (progress.finished()) {
				record(progress, true);
			}
			display.show(progress);
		}

		@Override
		public void tick(Progress progress) {
			record(progress, false);
			display.tick(progress);
		}

		/**
		 * Keeps a sample when the interval has passed, or always at the end; a failure to
		 * keep it is logged and costs the run nothing.
		 */
		private synchronized void record(Progress progress, boolean always) {
			Long id = runId.get();
			Instant now = clock.instant();
			Instant previous = last;
			if (id == null || (previous != null && (!now.isAfter(previous)
					|| (!always && Duration.between(previous, now).compareTo(INTERVAL) < 0)))) {
				return;
			}
			try {
				long[] base = earlier;
				if (base == null) {
					base = countsSoFar(id);
					earlier = base;
				}
				TrafficSnapshot since = traffic.traffic(model).minus(before);
				insert(id, now, progress, base[0] + since.rateLimited(), base[1] + since.overloaded());
				last = now;
			}
			catch (RuntimeException ex) {
				log.debug("Could not keep a progress sample of run {}: {}", id, ex.getMessage());
			}
		}

	}

}
