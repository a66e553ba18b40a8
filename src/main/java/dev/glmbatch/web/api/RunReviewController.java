package dev.glmbatch.web.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import dev.glmbatch.run.RunReview;
import dev.glmbatch.run.RunReview.ModelTotals;
import dev.glmbatch.run.RunReview.RowFilter;
import dev.glmbatch.run.RunReview.RowPage;
import dev.glmbatch.run.RunReview.RowQuery;
import dev.glmbatch.run.RunSeries.RunSample;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.schedule.NoSuchRunException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard's run page and history read beyond a run's status: its progress over
 * time, its rows for review, its paid answers by model, the runs paged by job and status,
 * and the service's time zone (the zone of every run's times).
 */
@RestController
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
class RunReviewController {

	private final Runs runs;

	RunReviewController(Runs runs) {
		this.runs = runs;
	}

	/**
	 * The service's clock: run times ({@code startedAt}, {@code endedAt}) are local
	 * date-times of this zone.
	 */
	@GetMapping("/api/clock")
	ClockView clock() {
		return new ClockView(ZoneId.systemDefault().getId(), Instant.now());
	}

	/**
	 * Runs newest first, a page at a time, by job and by the status of their latest
	 * execution. The form with {@code limit} (an array of runs) stays as it was.
	 */
	@GetMapping(path = "/api/runs", params = "page")
	RunPageView history(@RequestParam int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status) {
		RunReview.RunPage found = runs.review()
			.history(blankToNull(job), (status == null || status.isBlank()) ? null : statusOf(status), page, size);
		return new RunPageView(found.page(), found.size(), found.total(),
				found.runs().stream().map(RunView::of).toList());
	}

	@GetMapping("/api/runs/{id}/series")
	SeriesView series(@PathVariable long id) {
		RunSummary run = run(id);
		return new SeriesView(id, run.status().name(), runs.series(id));
	}

	@GetMapping("/api/runs/{id}/rows")
	RowPage rows(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "25") int size, @RequestParam(required = false) @Nullable String filter,
			@RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String q) {
		run(id);
		RowFilter rowFilter = (filter == null || filter.isBlank()) ? null : RowFilter.of(filter);
		return runs.review().rows(id, new RowQuery(rowFilter, label, language, q), page, size);
	}

	@GetMapping("/api/runs/{id}/models")
	List<ModelTotals> models(@PathVariable long id) {
		run(id);
		return runs.review().byModel(id);
	}

	private RunSummary run(long id) {
		return runs.status(id).orElseThrow(() -> new NoSuchRunException(id));
	}

	private static RunStatus statusOf(String status) {
		try {
			RunStatus found = RunStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
			if (found != RunStatus.ALREADY_COMPLETED) {
				return found;
			}
		}
		catch (IllegalArgumentException ex) {
			// named below
		}
		throw new IllegalArgumentException("status must be one of STARTING, STARTED, STOPPING, STOPPED, FAILED,"
				+ " COMPLETED, ABANDONED, was '" + status + "'");
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * @param zone the service's time zone
	 * @param now the service's time now
	 */
	record ClockView(String zone, Instant now) {

	}

	/**
	 * @param page the page, from 0
	 * @param size runs per page
	 * @param total runs that match, on every page
	 * @param runs this page's runs
	 */
	record RunPageView(int page, int size, long total, List<RunView> runs) {

	}

	/**
	 * @param runId the run
	 * @param status its status now
	 * @param samples its progress over time, oldest first
	 */
	record SeriesView(long runId, String status, List<RunSample> samples) {

	}

}
