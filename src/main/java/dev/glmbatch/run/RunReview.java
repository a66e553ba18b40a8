package dev.glmbatch.run;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the dashboard's run page reviews: the rows a run has committed, read from its
 * staging data in the state database (as the export reads them) one page at a time with
 * filters and search, the answers it paid for by model, and the history of runs paged by
 * job and status.
 */
public final class RunReview {

	/** The most rows a page holds. */
	public static final int MAX_PAGE_SIZE = 200;

	private final JdbcTemplate jdbc;

	private final ReviewRows rows;

	private final RunHistory history;

	public RunReview(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(500);
		this.rows = new ReviewRows(this.jdbc);
		this.history = new RunHistory(this.jdbc, new RunStateReader(dataSource));
	}

	/**
	 * One page of a run's committed rows, in row order.
	 * @param runId the run
	 * @param query which rows and which answers
	 * @param page the page, from 0
	 * @param size rows per page, 1 to {@link #MAX_PAGE_SIZE}
	 */
	public RowPage rows(long runId, RowQuery query, int page, int size) {
		requirePage(page, size);
		return this.rows.page(runId, query, page, size);
	}

	/**
	 * What a run's paid answers took, by the model that gave them (from the call ledger):
	 * a run whose job escalated to another model, or was resumed with another one, shows
	 * each.
	 */
	public List<ModelTotals> byModel(long runId) {
		return jdbc.query("""
				SELECT MODEL, COUNT(*), COALESCE(SUM(PROMPT_TOKENS), 0), COALESCE(SUM(CACHED_TOKENS), 0),
				  COALESCE(SUM(COMPLETION_TOKENS), 0), COALESCE(SUM(REASONING_TOKENS), 0), COALESCE(SUM(COST_USD), 0)
				FROM GLMB_CALL_LEDGER WHERE JOB_INSTANCE_ID = ? GROUP BY MODEL ORDER BY MODEL""",
				(rs, n) -> new ModelTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getBigDecimal(7)),
				runId);
	}

	/**
	 * Runs newest first, one page at a time.
	 * @param job only this job's runs, or {@code null} for all
	 * @param status only runs whose latest execution has this status, or {@code null}
	 * @param page the page, from 0
	 * @param size runs per page, 1 to {@link #MAX_PAGE_SIZE}
	 */
	public RunPage history(@Nullable String job, @Nullable RunStatus status, int page, int size) {
		requirePage(page, size);
		return this.history.page(job, status, page, size);
	}

	private static void requirePage(int page, int size) {
		if (page < 0) {
			throw new IllegalArgumentException("page must be 0 or more, was " + page);
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
		}
	}

	/** Which rows of a run to review. */
	public enum RowFilter {

		/** Rows that could not be processed, each with its reason. */
		REJECTED,

		/** Rows retried with thinking after their answer failed its check. */
		ESCALATED,

		/** Rows whose answer was repaired to pass its check. */
		REPAIRED;

		/**
		 * The filter a request names in any case.
		 * @throws IllegalArgumentException naming the filters there are
		 */
		public static RowFilter of(String name) {
			for (RowFilter filter : values()) {
				if (filter.name().equalsIgnoreCase(name.strip())) {
					return filter;
				}
			}
			throw new IllegalArgumentException(
					"filter must be rejected, escalated or repaired, was '" + name + "'; leave it out for every row");
		}

	}

	/**
	 * Which rows and answers a review page shows.
	 *
	 * @param filter only rejected, escalated or repaired rows, or {@code null} for all
	 * @param label only rows with this label (any of a multi-label answer), or
	 * {@code null}
	 * @param language only this target language's translations, or {@code null} for all
	 * @param search only rows whose source, answers or reject reason contain this text
	 * (case-insensitive), or {@code null}
	 */
	public record RowQuery(@Nullable RowFilter filter, @Nullable String label, @Nullable String language,
			@Nullable String search) {

		public RowQuery {
			label = blankToNull(label);
			language = blankToNull(language);
			search = blankToNull(search);
		}

		private static @Nullable String blankToNull(@Nullable String text) {
			return (text == null || text.isBlank()) ? null : text.strip();
		}

	}

	/**
	 * One page of rows.
	 *
	 * @param page the page, from 0
	 * @param size rows per page
	 * @param total rows that match the query, on every page
	 * @param rows this page's rows
	 * @param labels the labels the run's rows have (the first hundred), for a filter
	 * @param languages the target languages of the run's translations, for a filter
	 */
	public record RowPage(int page, int size, long total, List<ReviewRow> rows, List<String> labels,
			List<String> languages) {

		public RowPage {
			rows = List.copyOf(rows);
			labels = List.copyOf(labels);
			languages = List.copyOf(languages);
		}

	}

	/**
	 * A committed row: its source beside its answers.
	 *
	 * @param row the row number in the input
	 * @param line the line of the input it started on
	 * @param status DONE or REJECTED
	 * @param input the source columns
	 * @param outputs the answers by output column (empty for most rejected rows)
	 * @param reason why it was rejected, or {@code null}
	 * @param calls answers used
	 * @param thinkingCalls calls made with thinking on
	 * @param escalated whether it was retried with thinking after a failed check
	 * @param repairs repairs its answers took to pass their check
	 * @param costUsd what its calls cost
	 */
	public record ReviewRow(long row, long line, String status, Map<String, String> input, Map<String, String> outputs,
			@Nullable String reason, long calls, long thinkingCalls, boolean escalated, long repairs,
			BigDecimal costUsd) {

		public ReviewRow {
			input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
			outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
		}

	}

	/**
	 * The paid answers of one model in a run.
	 *
	 * @param model the model id
	 * @param calls answers paid
	 * @param promptTokens prompt tokens
	 * @param cachedTokens the part of them served from the provider's cache
	 * @param completionTokens completion tokens
	 * @param reasoningTokens the part of them spent reasoning
	 * @param costUsd what they cost (0 for a model without a price)
	 */
	public record ModelTotals(String model, long calls, long promptTokens, long cachedTokens, long completionTokens,
			long reasoningTokens, BigDecimal costUsd) {

	}

	/**
	 * One page of runs.
	 *
	 * @param page the page, from 0
	 * @param size runs per page
	 * @param total runs that match, on every page
	 * @param runs this page's runs, newest first
	 */
	public record RunPage(int page, int size, long total, List<RunSummary> runs) {

		public RunPage {
			runs = List.copyOf(runs);
		}

	}

}
