package dev.glmbatch.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard's run page reviews: the rows a run has committed, read from its
 * staging data in the state database (as the export reads them) one page at a time with
 * filters and search, the answers it paid for by model, and the history of runs paged by
 * job and status.
 */
public final class RunReview {

	/** The most rows a page holds. */
	public static final int MAX_PAGE_SIZE = 200;

	/** The most labels offered as a filter: a free-form label column could have many. */
	private static final int MAX_LABELS = 100;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> COLUMNS = new TypeReference<>() {
	};

	private static final String LATEST_EXECUTION = """
			FROM BATCH_JOB_INSTANCE I JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
			WHERE E.JOB_EXECUTION_ID = (SELECT MAX(X.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION X
			  WHERE X.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)""";

	private final JdbcTemplate jdbc;

	private final RunStateReader reader;

	public RunReview(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(500);
		this.reader = new RunStateReader(dataSource);
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
		StringBuilder sql = new StringBuilder("""
				SELECT R.ROW_NO, R.LINE_NO, R.STATUS, R.INPUT_JSON, R.OUTPUT_JSON, R.REASON, R.CALLS, R.THINKING_CALLS,
				  R.ESCALATIONS, COALESCE(C.REPAIRS, 0), R.COST_USD
				FROM GLMB_RESULT R LEFT JOIN GLMB_ROW_CHECK C
				  ON C.JOB_INSTANCE_ID = R.JOB_INSTANCE_ID AND C.ROW_NO = R.ROW_NO
				WHERE R.JOB_INSTANCE_ID = ?""");
		if (query.filter() != null) {
			sql.append(switch (Objects.requireNonNull(query.filter())) {
				case REJECTED -> " AND R.STATUS = 'REJECTED'";
				case ESCALATED -> " AND R.ESCALATIONS > 0";
				case REPAIRED -> " AND C.REPAIRS > 0";
			});
		}
		sql.append(" ORDER BY R.ROW_NO");
		List<ReviewRow> rows = new ArrayList<>();
		TreeSet<String> labels = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		TreeSet<String> languages = new TreeSet<>();
		long[] matching = { 0 };
		long first = (long) page * size;
		jdbc.query(sql.toString(), rs -> {
			Map<String, String> input = json.readValue(rs.getString(4), COLUMNS);
			Map<String, String> outputs = json.readValue(rs.getString(5), COLUMNS);
			String label = outputs.get("label");
			List<String> rowLabels = (label == null || label.isBlank()) ? List.of() : List.of(label.split("\\|"));
			if (labels.size() < MAX_LABELS) {
				labels.addAll(rowLabels);
			}
			Map<String, String> byLanguage = languagesOf(input, outputs);
			languages.addAll(byLanguage.values());
			String reason = rs.getString(6);
			if (!query.matches(input, outputs, reason, rowLabels)) {
				return;
			}
			if (matching[0]++ < first || rows.size() >= size) {
				return;
			}
			Map<String, String> shown = outputs;
			if (query.language() != null) {
				shown = new LinkedHashMap<>();
				for (Map.Entry<String, String> output : outputs.entrySet()) {
					String language = byLanguage.get(output.getKey());
					if (language == null || language.equals(query.language())) {
						shown.put(output.getKey(), output.getValue());
					}
				}
			}
			rows.add(new ReviewRow(rs.getLong(1), rs.getLong(2), rs.getString(3), input, shown, reason, rs.getLong(7),
					rs.getLong(8), rs.getLong(9) > 0, rs.getLong(10), rs.getBigDecimal(11)));
		}, runId);
		return new RowPage(page, size, matching[0], rows, List.copyOf(labels), List.copyOf(languages));
	}

	/**
	 * The target language of each translated output column: an output named
	 * {@code <input column>_<language>}, as a translation names its columns.
	 */
	private static Map<String, String> languagesOf(Map<String, String> input, Map<String, String> outputs) {
		Map<String, String> languages = new LinkedHashMap<>();
		for (String output : outputs.keySet()) {
			int split = output.lastIndexOf('_');
			if (split > 0 && split < output.length() - 1 && input.containsKey(output.substring(0, split))) {
				languages.put(output, output.substring(split + 1));
			}
		}
		return languages;
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
		StringBuilder where = new StringBuilder(LATEST_EXECUTION);
		List<Object> args = new ArrayList<>();
		if (job != null) {
			where.append(" AND I.JOB_NAME = ?");
			args.add(job);
		}
		if (status != null) {
			where.append(" AND E.STATUS = ?");
			args.add(status.name());
		}
		Long total = jdbc.queryForObject("SELECT COUNT(*) " + where, Long.class, args.toArray());
		List<Object> paged = new ArrayList<>(args);
		paged.add((long) page * size);
		paged.add(size);
		List<Long> ids = jdbc.query(
				"SELECT I.JOB_INSTANCE_ID " + where
						+ " ORDER BY I.JOB_INSTANCE_ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				(rs, n) -> rs.getLong(1), paged.toArray());
		List<RunSummary> runs = ids.stream().flatMap(id -> reader.status(id).stream()).toList();
		return new RunPage(page, size, (total != null) ? total : 0, runs);
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

		boolean matches(Map<String, String> input, Map<String, String> outputs, @Nullable String reason,
				List<String> labels) {
			if (label != null && labels.stream().noneMatch(label::equalsIgnoreCase)) {
				return false;
			}
			if (search == null) {
				return true;
			}
			String needle = search.toLowerCase(Locale.ROOT);
			return contains(input.values(), needle) || contains(outputs.values(), needle)
					|| (reason != null && reason.toLowerCase(Locale.ROOT).contains(needle));
		}

		private static boolean contains(Iterable<String> values, String needle) {
			for (String value : values) {
				if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
					return true;
				}
			}
			return false;
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
