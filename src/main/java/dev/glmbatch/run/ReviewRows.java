package dev.glmbatch.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.glmbatch.run.RunReview.ReviewRow;
import dev.glmbatch.run.RunReview.RowPage;
import dev.glmbatch.run.RunReview.RowQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one page of a run's committed rows for {@link RunReview}: the rows are kept as
 * JSON in the result staging, so the search, the label filter and the choice of a
 * translation's language are decided here, row by row, as the rows stream past, and the
 * labels and languages offered as filters are gathered on the same pass.
 */
final class ReviewRows {

	/** The most labels offered as a filter: a free-form label column could have many. */
	private static final int MAX_LABELS = 100;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> COLUMNS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	ReviewRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	RowPage page(long runId, RowQuery query, int page, int size) {
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
			if (!matches(query, input, outputs, reason, rowLabels)) {
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

	/** Whether a row has the query's label and contains its search text. */
	private static boolean matches(RowQuery query, Map<String, String> input, Map<String, String> outputs,
			@Nullable String reason, List<String> labels) {
		String label = query.label();
		if (label != null && labels.stream().noneMatch(label::equalsIgnoreCase)) {
			return false;
		}
		String search = query.search();
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
