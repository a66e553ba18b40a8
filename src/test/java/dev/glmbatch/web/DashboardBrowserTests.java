package dev.glmbatch.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.DevToolsPage;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.HeadlessChromium;
import dev.glmbatch.testsupport.ServiceFixture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import dev.glmbatch.testsupport.WorkbookRows;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the service and
 * the simulator: what it shows after a run; a user's way through it with a token (enter
 * the token, run, follow the run on its page while its charts move, stop after
 * confirming, resume, read the report, page the rows, download the output); the review of
 * a run's rows with their filters, what it re-used, the messages and the history with its
 * pages and filters; and retrying a run's rejected rows from its page, then downloading
 * in a chosen format. Screenshots at 1,280 and 900 px go to target/dashboard-screenshots.
 * Skipped when Chromium is not installed.
 */
class DashboardBrowserTests {

	private static final String TOKEN = "browser-token-41ad";

	private static final String MARKUP = "<img src=x onerror=alert(1)>";

	/** Runs on a page of the history. */
	private static final int HISTORY_PAGE = 20;

	private static final String COST_CHART = "document.querySelector(\"#run-charts [data-chart='cost'] canvas\")";

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@TempDir
	Path dir;

	@BeforeEach
	void requireChromium() {
		assumeTrue(HeadlessChromium.available(), "Browser tests skipped: no Chromium at " + HeadlessChromium.BINARY
				+ " (install the Debian package chromium; .ci/run does so when run as root)");
	}

	@Test
	void showsTheJobsAndARunWithItsFiguresAndEscapesTextFromTheApi() throws IOException {
		aTranslationJob(dir).named("quick").withRows(12).withLanguages("fr").withRawLine("P-ragged,only two").write();
		Files.writeString(dir.resolve("jobs/hostile.yaml"), """
				name: hostile
				input: {path: ../input/quick.csv}
				task: {type: "%s", columns: [name], to: [fr]}
				output: {path: ../output/hostile.csv}
				""".formatted(MARKUP), StandardCharsets.UTF_8);
		try (ServiceFixture service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of())) {
			long runId = json(service.post("/api/jobs/quick/runs")).get("runId").asLong();
			service.awaitStatus(runId, "COMPLETED");

			String dom = HeadlessChromium.dumpDom(base(service), dir.resolve("chromium"), Duration.ofSeconds(8));

			assertThat(text(element(dom, "<tr data-job=\"quick\">"))).contains("quick", "valid", "quick.csv", "idle",
					"Run now");
			String hostile = element(dom, "<tr data-job=\"hostile.yaml\">");
			assertThat(text(hostile)).contains("invalid", "is not a supported task type");
			assertThat(hostile).as("markup from the API stays text").contains("&lt;img src=x onerror=alert(1)&gt;");
			assertThat(dom).doesNotContain("<img");
			String run = element(dom, "<tr data-run-id=\"" + runId + "\" data-status=\"COMPLETED\">");
			assertThat(text(run))
				.contains("quick", "COMPLETED", "13 / 13 (100 %)", "13 / 12 / 1", "Open", "Output", "Rejects")
				.containsPattern("\\$0\\.\\d{4}")
				.doesNotContain("Stop", "Resume");
			assertThat(run).contains("<progress max=\"13\" value=\"13\"");
			assertThat(element(dom, "<div id=\"messages\"")).as("no error shown")
				.isEqualTo("<div id=\"messages\" class=\"messages\" aria-live=\"polite\"></div>");
			assertThat(text(element(dom, "<p class=\"refresh\""))).startsWith("Updated");
			assertThat(element(dom, "<form id=\"token-form\"")).contains("hidden");
		}
	}

	@Test
	void asksForTheTokenThenFollowsARunOnItsPageWatchesItsChartsStopsResumesAndDownloads() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(100))));
		TranslationJobFixture slow = aTranslationJob(dir).named("slow")
			.withRows(300)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr");
		slow.write();
		for (int i = 1; i <= 11; i++) {
			aTranslationJob(dir).named("job-" + i).withRows(2).withLanguages("fr").write();
		}
		try (ServiceFixture service = ServiceFixture
			.start(dir, simulator.zaiBaseUrl(), Map.of("glmbatch.service.token", TOKEN))
			.withToken(TOKEN); DevToolsPage page = HeadlessChromium.open(dir.resolve("chromium"))) {
			page.resize(1280, 800);
			page.navigate(base(service));

			// without a token the API answers 401: the page asks for the token and shows
			// the problem detail
			page.await("!document.getElementById('token-form').hidden", Duration.ofSeconds(15));
			assertThat(page.text("#messages .error")).contains("Unauthorized", "Authorization: Bearer");
			String errorColour = background(page, "#messages .error");
			assertThat(page.text("#jobs tbody")).isEmpty();
			page.evaluate("document.getElementById('token').value = " + quoted(TOKEN));
			page.click("#token-form button[type=submit]");
			page.await("document.querySelector('#jobs tr[data-job=\"slow\"]')", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).as("the 401 message goes once the token works").isEmpty();
			assertThat(page.evaluate("sessionStorage.getItem('glmbatch.service.token')").asString()).isEqualTo(TOKEN);
			assertThat(page.evaluate("localStorage.length").asInt()).isZero();
			assertThat(page
				.evaluate("document.getElementById('runs').getBoundingClientRect().top"
						+ " < document.getElementById('jobs').getBoundingClientRect().top")
				.asBoolean()).as("runs come first").isTrue();

			// Run now opens the run's own page, its figures at the top of the screen
			page.click("button[aria-label='Run job slow now']");
			long runId = latestRun(service, "slow");
			page.await("location.hash === '#/runs/" + runId + "'", Duration.ofSeconds(15));
			page.await("document.querySelector(\"[data-figure='Status']\")?.innerText.includes('STARTED')",
					Duration.ofSeconds(15));
			assertThat(page.text("#messages .success")).contains("Run " + runId + " of job slow started.");
			String successColour = background(page, "#messages .success");
			assertThat(page.text("#run-title")).isEqualTo("Run " + runId + " of job slow");
			assertThat(page.evaluate("document.getElementById('run-charts').getBoundingClientRect().top < innerHeight")
				.asBoolean()).as("the figures and the charts start above the fold").isTrue();
			assertThat(
					page.evaluate("document.getElementById('run-live').getBoundingClientRect().bottom <= innerHeight")
						.asBoolean())
				.isTrue();

			// the charts move while the run goes: new samples, new figures
			page.await("document.querySelectorAll('#run-charts .chart canvas').length === 4", Duration.ofSeconds(20));
			String rowsShown = page.text("[data-figure='Rows'] dd");
			page.await("document.querySelector(\"[data-figure='Rows'] dd\").innerText !== " + quoted(rowsShown),
					Duration.ofSeconds(20));
			// the cost chart as drawn now, from the samples so far: a later sample
			// redraws it
			String costDrawn = page.evaluate(COST_CHART + ".toDataURL()").asString();
			// a sample is taken every 2 s, while the figures follow the run's status
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(json(service.get("/api/runs/" + runId + "/series")).get("samples").size())
							.isGreaterThanOrEqualTo(2));
			assertThat(page.text("#run-live")).contains("Rows/s", "ETA", "In flight", "calls / limit", "429 rate",
					"1305 load", "Cost", "$");
			assertThat(page.text("#run-charts")).contains("Rows per second", "Calls in flight against the limit",
					"429 answers so far", "Cost so far");
			page.await(COST_CHART + ".toDataURL() !== " + quoted(costDrawn), Duration.ofSeconds(20));
			screenshots(page, "run-live");

			// Stop asks first
			page.click("#run-actions button[aria-label='Stop run " + runId + "']");
			page.await("document.getElementById('confirm').open", Duration.ofSeconds(5));
			assertThat(page.text("#confirm")).contains("Stop run " + runId + "?");
			page.click("#confirm-cancel");
			page.await("document.getElementById('messages').innerText.includes('Run " + runId + " goes on.')",
					Duration.ofSeconds(5));
			assertThat(List.of(errorColour, successColour, background(page, "#messages .info")))
				.as("messages are styled by kind: error, success, information")
				.doesNotHaveDuplicates();
			assertThat(service.run(runId).get("status").asString()).isEqualTo("STARTED");
			page.await("document.querySelector(\"#run-actions button[aria-label='Stop run " + runId
					+ "']:not(:disabled)\")", Duration.ofSeconds(5));
			page.click("#run-actions button[aria-label='Stop run " + runId + "']");
			page.await("document.getElementById('confirm').open", Duration.ofSeconds(5));
			page.click("#confirm-ok");
			page.await("document.querySelector(\"[data-figure='Status']\").innerText.includes('STOPPED')",
					Duration.ofSeconds(60));
			assertThat(page.text("#messages")).contains("Stop requested: run " + runId);
			long rowsAtStop = service.run(runId).get("totals").get("rows").asLong();
			assertThat(rowsAtStop).isLessThan(300);
			assertThat(page.text("[data-figure='Rows'] dd")).contains(rowsAtStop + " / 300");
			// the panel comes with the page's next refresh, which a busy machine can
			// delay
			page.await("document.getElementById('run-problem').innerText.includes('Resume it with')",
					Duration.ofSeconds(30));
			assertThat(page.text("#run-problem .resume-command"))
				.isEqualTo(service.run(runId).get("resumeCommand").asString());

			// resume once the service has let go of the job
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json(service.get("/api/jobs/slow")).get("busy").isNull());
			page.click("#run-actions button[aria-label='Resume run " + runId + "']");
			page.await("document.getElementById('messages').innerText.includes('Resumed run " + runId + "')",
					Duration.ofSeconds(15));
			page.await("document.querySelector(\"[data-figure='Status']\").innerText.includes('COMPLETED')",
					Duration.ofSeconds(60));
			assertThat(page.text("[data-figure='Rows'] dd")).contains("300 / 300 (100 %)");
			assertThat(page.text("[data-figure='Status']")).contains("×2");
			assertThat(page.text("#messages .error")).isEmpty();

			// the report: by thinking mode and by model
			page.evaluate("document.getElementById('run-details').open = true");
			// the report is read after the figures: wait for it to catch up
			page.await("document.getElementById('run-report').innerText.includes('COMPLETED after')",
					Duration.ofSeconds(10));
			assertThat(page.text("#run-report")).contains("COMPLETED after 2 executions",
					"300 committed of 300 input rows: 300 done, 0 rejected",
					"300 with thinking off, 0 on, 0 escalated");
			assertThat(page.text("#run-report .thinking-split tbody tr:first-child")).startsWith("Thinking off")
				.doesNotContain("$0.0000");
			assertThat(page.text("#run-report .model-split tbody")).contains("glm-4.5-air");

			// its rows, a page at a time
			page.await("document.getElementById('rows-pager').innerText.includes('300 rows')", Duration.ofSeconds(15));
			assertThat(page.text("#rows-pager")).contains("Page 1 of 12");
			page.click("button[aria-label='Next page of rows']");
			page.await("document.getElementById('rows-pager').innerText.includes('Page 2 of 12')",
					Duration.ofSeconds(10));
			assertThat(page.text("#rows tbody tr:first-child")).contains("26", "Product 26");

			page.click("#run-actions a[aria-label='Download the output of run " + runId + "']");
			Path downloaded = page.downloads().resolve("slow.csv");
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(downloaded));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(downloaded).hasSameBinaryContentAs(slow.outputFile()));
			page.await("document.getElementById('messages').innerText.includes('Downloaded slow.csv')",
					Duration.ofSeconds(10));
			assertThat(page.text("#messages .error")).isEmpty();

			// its input was processed: Run now says so and offers a fresh run, whose page
			// opens
			page.evaluate("location.hash = '#/'");
			page.await("document.querySelector('#runs tr[data-run-id=\"" + runId + "\"][data-status=\"COMPLETED\"]')",
					Duration.ofSeconds(15));
			assertThat(page.text("#runs tr[data-run-id=\"" + runId + "\"]")).contains("300 / 300 (100 %)",
					"300 / 300 / 0", "×2");
			screenshots(page, "runs-and-jobs");
			page.click("button[aria-label='Run job slow now']");
			page.await("document.querySelector(\"button[aria-label='Run job slow anew']\")", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).contains("already processed by run " + runId);
			assertThat(page.evaluate("document.querySelectorAll('#messages .message').length").asInt())
				.isLessThanOrEqualTo(3);
			page.click("button[aria-label='Run job slow anew']");
			page.await("location.hash !== '#/' && location.hash !== '#/runs/" + runId + "'", Duration.ofSeconds(15));
			long fresh = latestRun(service, "slow");
			assertThat(fresh).isNotEqualTo(runId);
			assertThat(page.evaluate("location.hash").asString()).isEqualTo("#/runs/" + fresh);
			assertThat(page.text("#messages .error")).isEmpty();
		}
	}

	@Test
	void reviewsARunsRowsBesideTheirSourceShowsWhatItReusedAndPagesTheHistory() throws IOException {
		aTranslationJob(dir).named("review")
			.withRows(40)
			.withLanguages("fr", "de")
			.withRawLine("P-ragged,only two")
			.write();
		for (int i = 1; i <= HISTORY_PAGE; i++) {
			aTranslationJob(dir).named("tiny-" + i).withRows(1).withLanguages("fr").write();
		}
		// answers earlier runs paid for are re-used, as a user's service does
		try (ServiceFixture service = ServiceFixture.start(dir, simulator.zaiBaseUrl(),
				Map.of("glmbatch.reuse-across-runs", "true"));
				DevToolsPage page = HeadlessChromium.open(dir.resolve("chromium"))) {
			long first = json(service.post("/api/jobs/review/runs")).get("runId").asLong();
			service.awaitStatus(first, "COMPLETED");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json(service.get("/api/jobs/review")).get("busy").isNull());
			long paid = simulator.stats().requests();
			long second = json(service.post("/api/jobs/review/runs?new=true")).get("runId").asLong();
			service.awaitStatus(second, "COMPLETED");
			assertThat(simulator.stats().requests()).as("the second run re-uses every answer").isEqualTo(paid);
			String zone = json(service.get("/api/clock")).get("zone").asString();

			JsonNode samples = json(service.get("/api/runs/" + second + "/series")).get("samples");
			assertThat(samples.size()).as("the end of a run is sampled, however short").isPositive();
			assertThat(samples.get(samples.size() - 1).get("rowsDone").asLong()).isEqualTo(41);

			page.resize(1280, 800);
			page.navigate(URI.create(base(service) + "#/runs/" + second));
			page.await("document.getElementById('rows-pager').innerText.includes('41 rows')", Duration.ofSeconds(20));
			// every target language side by side, each beside the source
			assertThat(page.text("#rows thead")).contains("Row", "Source", "(fr)", "(de)", "Status");
			assertThat(page.text("#rows tbody tr[data-row='3']")).contains("sku", "P3", "name", "Product 3",
					"description", "Description number 3", "DONE");
			assertThat(page.text("#rows tbody tr[data-row='3'] td[data-language='fr'] dd[data-column='name_fr']"))
				.isNotBlank();
			assertThat(page.text("#rows tbody tr[data-row='3'] td[data-language='de'] dd[data-column='name_de']"))
				.isNotBlank();
			// the answers it took from the first run instead of paying again, and what
			// they
			// cost the first run
			JsonNode reused = service.run(second).get("totals");
			assertThat(reused.get("earlierRunCalls").asLong()).isEqualTo(80);
			String costThen = dollars(service.run(first).get("totals").get("costUsd").decimalValue());
			assertThat(reused.get("earlierRunCostUsd").decimalValue())
				.isEqualByComparingTo(service.run(first).get("totals").get("costUsd").decimalValue());
			assertThat(page.text("[data-figure='Cost'] dd")).isEqualTo("$0.0000 + 80 re-used (" + costThen + " then)");
			page.evaluate("document.getElementById('run-details').open = true");
			assertThat(page.text("#run-report"))
				.contains("80 answers used: 0 paid by this run, 80 re-used from the ledger (not paid again)")
				.contains("80 of those answers were paid by earlier runs, for " + costThen + " then");
			screenshots(page, "run-review");

			// the rejected row, its reason inline; then the other filters and search
			select(page, "rows-kind", "rejected");
			page.await("document.getElementById('rows-pager').innerText.includes('· 1 rows')", Duration.ofSeconds(10));
			assertThat(page.text("#rows tbody tr[data-status='REJECTED'] .reject-reason")).isNotBlank();
			assertThat(page.text("#rows tbody tr[data-status='REJECTED']")).contains("P-ragged");
			assertThat(page
				.evaluate("document.querySelector(\"button[aria-label='Retry the rejected rows of run " + second
						+ "']\") !== null")
				.asBoolean()).as("a run with rejects offers to retry them").isTrue();
			assertThat(
					page.evaluate("[...document.querySelectorAll('#download-format option')].map(o => o.value).join()")
						.asString())
				.isEqualTo("csv,xlsx,jsonl");
			select(page, "rows-kind", "");
			page.await("document.getElementById('rows-pager').innerText.includes('41 rows')", Duration.ofSeconds(10));
			select(page, "rows-language", "de");
			page.await("!document.querySelector(\"#rows thead th[data-language='fr']\")", Duration.ofSeconds(10));
			assertThat(page.text("#rows thead th[data-language='de']")).contains("(de)");
			page.evaluate("document.getElementById('rows-search').value = 'product 3'");
			page.click("#rows-filter button[type=submit]");
			page.await("document.getElementById('rows-pager').innerText.includes('· 11 rows')", Duration.ofSeconds(10));
			assertThat(page.text("#rows tbody tr:first-child")).contains("Product 3");

			// messages: never more than three, and dismissible (successes also fade after
			// 10 s, so only the cap and the dismissed message are asserted)
			page.evaluate("location.hash = '#/'");
			page.await("document.querySelector('#runs tr[data-run-id]')", Duration.ofSeconds(15));
			for (int i = 1; i <= 4; i++) {
				page.click("#reload-jobs");
				page.await(
						"document.querySelector('#messages .message.success') && !document.getElementById('reload-jobs').disabled",
						Duration.ofSeconds(10));
				assertThat(page.evaluate("document.querySelectorAll('#messages .message').length").asInt())
					.isLessThanOrEqualTo(3);
			}
			assertThat(page.text("#messages .message:first-child")).startsWith("Reloaded");
			page.evaluate("document.querySelector('#messages .message').dataset.dismissed = 'soon'");
			page.click("#messages .message[data-dismissed] button[aria-label='Dismiss this message']");
			assertThat(page.evaluate("document.querySelector('#messages [data-dismissed]') === null").asBoolean())
				.isTrue();

			// the history: a page at a time, by job and status, with the job's chart
			for (int i = 1; i <= HISTORY_PAGE; i++) {
				service.startRun("tiny-" + i);
			}
			for (int i = 1; i <= HISTORY_PAGE; i++) {
				service.awaitStatus(latestRun(service, "tiny-" + i), "COMPLETED");
			}
			page.evaluate("location.hash = '#/history'");
			page.await("document.querySelectorAll('#history tr[data-run-id]').length === " + HISTORY_PAGE,
					Duration.ofSeconds(15));
			assertThat(page.text("#history-pager")).contains("Page 1 of 2", (HISTORY_PAGE + 2) + " runs");
			page.click("#history-pager a[aria-label='Older runs']");
			page.await(
					"location.hash === '#/history?page=1'"
							+ " && document.querySelectorAll('#history tr[data-run-id]').length === 2",
					Duration.ofSeconds(15));
			assertThat(page
				.evaluate("[...document.querySelectorAll('#history tr[data-run-id]')]"
						+ ".map(r => r.dataset.runId).join()")
				.asString()).isEqualTo(second + "," + first);
			assertThat(page.text("#history-pager")).contains("Page 2 of 2");
			select(page, "history-job", "review");
			page.await("location.hash === '#/history?job=review'", Duration.ofSeconds(10));
			page.await(
					"document.querySelector('#history-chart canvas') && !document.getElementById('history-chart').hidden",
					Duration.ofSeconds(15));
			page.await("document.querySelectorAll('#history tr[data-run-id]').length === 2", Duration.ofSeconds(15));
			assertThat(page.text("#history-chart")).contains("Job review: cost and duration of its last 2 runs");
			assertThat(page.text("#history"))
				.containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d " + Pattern.quote(zone))
				.doesNotContain(" AM", " PM");
			screenshots(page, "history");
			select(page, "history-status", "FAILED");
			page.await("document.getElementById('history').innerText.includes('No runs match.')",
					Duration.ofSeconds(10));

			// the same over HTTP: pages, filters, and the old form unchanged
			JsonNode paged = json(service.get("/api/runs?page=1&size=1&job=review"));
			assertThat(paged.get("total").asLong()).isEqualTo(2);
			assertThat(paged.get("runs").get(0).get("runId").asLong()).isEqualTo(first);
			assertThat(json(service.get("/api/runs?page=0&size=5&status=COMPLETED")).get("total").asLong())
				.isEqualTo(HISTORY_PAGE + 2);
			assertThat(json(service.get("/api/runs?limit=1")).isArray()).isTrue();
			assertThat(service.get("/api/runs?page=0&size=5&status=SLEEPING").statusCode()).isEqualTo(400);
			assertThat(service.get("/api/runs/" + second + "/rows?filter=odd").statusCode()).isEqualTo(400);
			assertThat(service.get("/api/runs/999/series").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void retriesTheRejectedRowsFromTheRunPageThenDownloadsTheOutputInTheChosenFormats() throws IOException {
		aTranslationJob(dir).named("refused").withRows(8).withLanguages("fr").write();
		simulator.addRule(
				SimulatorRule.when(Match.containing("Product 5\n"), Response.normal().withFinishReason("sensitive")));
		try (ServiceFixture service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of());
				DevToolsPage page = HeadlessChromium.open(dir.resolve("chromium"))) {
			long runId = service.startRun("refused");
			service.awaitStatus(runId, "COMPLETED");
			assertThat(service.run(runId).get("totals").get("rejected").asLong()).isEqualTo(1);
			// the rule goes (as after editing the job's instructions): the row is
			// answered now
			simulator.simulator().clearRules();
			long paid = simulator.stats().requests();

			page.resize(1280, 800);
			page.navigate(URI.create(base(service) + "#/runs/" + runId));
			page.await("document.querySelector(\"#rows tr[data-row='5'][data-status='REJECTED'] .reject-reason\")",
					Duration.ofSeconds(20));
			page.click("#run-actions button[aria-label='Retry the rejected rows of run " + runId + "']");
			page.await("location.hash !== '#/runs/" + runId + "'", Duration.ofSeconds(15));
			long retry = latestRun(service, "refused");
			assertThat(retry).isNotEqualTo(runId);
			assertThat(page.evaluate("location.hash").asString()).isEqualTo("#/runs/" + retry);
			assertThat(page.text("#messages .success"))
				.contains("Run " + retry + " retries the rejected rows of run " + runId + ".");
			page.await("document.querySelector(\"[data-figure='Status']\")?.innerText.includes('COMPLETED')",
					Duration.ofSeconds(60));

			assertThat(simulator.stats().requests() - paid).as("calls paid by the retry: the one rejected row")
				.isEqualTo(1);
			page.await("document.querySelector(\"[data-figure='Rows'] dd\").innerText.includes('0 rejected')",
					Duration.ofSeconds(10));
			assertThat(page.text("[data-figure='Rows'] dd")).startsWith("8 / 8 (100 %)");
			page.await("document.querySelector(\"#rows tr[data-row='5'][data-status='DONE']\")",
					Duration.ofSeconds(10));
			assertThat(
					page.evaluate("document.querySelector(\"button[aria-label^='Retry the rejected rows']\")").isNull())
				.as("nothing left to retry")
				.isTrue();

			// the output in the format chosen on the page, made from the committed rows
			select(page, "download-format", "xlsx");
			page.click("button[aria-label='Download the output of run " + retry + " in the chosen format']");
			Path workbook = downloaded(page, "refused.xlsx");
			List<List<String>> rows = WorkbookRows.of(workbook);
			assertThat(rows).hasSize(9);
			assertThat(rows.subList(1, 9)).extracting(row -> row.get(0)).isEqualTo(CsvFiles.numbered("P", 8));
			int status = rows.get(0).indexOf("status");
			assertThat(rows.subList(1, 9)).extracting(row -> row.get(status)).containsOnly("done");
			select(page, "download-format", "jsonl");
			page.click("button[aria-label='Download the output of run " + retry + " in the chosen format']");
			Path lines = downloaded(page, "refused.jsonl");
			assertThat(Files.readAllLines(lines, StandardCharsets.UTF_8)
				.stream()
				.filter(line -> !line.isBlank())
				.map(line -> JsonMapper.builder().build().readTree(line).at("/input/sku").asString())
				.toList()).isEqualTo(CsvFiles.numbered("P", 8));
			assertThat(simulator.stats().requests() - paid).as("downloads pay nothing").isEqualTo(1);
			page.await("document.getElementById('messages').innerText.includes('Downloaded refused.jsonl')",
					Duration.ofSeconds(10));
			assertThat(page.text("#messages .error")).isEmpty();
		}
	}

	/** Waits until the browser has saved a download under this name, whole. */
	private static Path downloaded(DevToolsPage page, String name) {
		Path file = page.downloads().resolve(name);
		Path partial = page.downloads().resolve(name + ".crdownload");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(file) && !Files.exists(partial));
		return file;
	}

	/** Dollars as the page shows them: six decimals under a cent, four from a cent. */
	private static String dollars(BigDecimal usd) {
		int scale = (usd.signum() != 0 && usd.compareTo(new BigDecimal("0.01")) < 0) ? 6 : 4;
		return "$" + usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
	}

	/**
	 * At 1,280 and 900 px: neither the page nor any of its tables scrolls sideways (every
	 * column, actions included, is on screen), and a screenshot goes to
	 * target/dashboard-screenshots (a test artefact, not committed).
	 */
	private static void screenshots(DevToolsPage page, String name) {
		for (int width : new int[] { 1280, 900 }) {
			page.resize(width, 800);
			page.await("innerWidth === " + width, Duration.ofSeconds(5));
			page.await("document.documentElement.scrollWidth <= document.documentElement.clientWidth",
					Duration.ofSeconds(5));
			assertThat(page.evaluate("[...document.querySelectorAll('.table-wrap')].filter(t => t.offsetParent)"
					+ ".filter(t => t.scrollWidth > t.clientWidth).map(t => t.getAttribute('aria-labelledby')).join()")
				.asString()).as("tables that scroll sideways at %d px", width).isEmpty();
			page.screenshot(Path.of("target", "dashboard-screenshots", name + "-" + width + ".png"));
		}
		page.resize(1280, 800);
	}

	/** The background colour of the first element a selector finds. */
	private static String background(DevToolsPage page, String selector) {
		return page.evaluate("getComputedStyle(document.querySelector(" + quoted(selector) + ")).backgroundColor")
			.asString();
	}

	/** Chooses an option of a select as a user would: the page hears the change. */
	private static void select(DevToolsPage page, String id, String value) {
		page.evaluate("(() => { const s = document.getElementById(" + quoted(id) + "); s.value = " + quoted(value)
				+ "; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
	}

	private static long latestRun(ServiceFixture service, String job) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			JsonNode runs = json(service.get("/api/runs?job=" + job));
			found[0] = runs.isEmpty() ? null : runs.get(0);
			return found[0] != null;
		});
		return found[0].get("runId").asLong();
	}

	private static URI base(ServiceFixture service) {
		return URI
			.create("http://127.0.0.1:" + service.context().getEnvironment().getProperty("local.server.port") + "/");
	}

	private static String quoted(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	/**
	 * The element of the serialised DOM that starts with {@code start}, through its
	 * matching end tag.
	 */
	private static String element(String dom, String start) {
		int from = dom.indexOf(start);
		assertThat(from).as("%s in the page:%n%s", start, dom).isNotNegative();
		String tag = start.substring(1).split("[ >]", 2)[0];
		Matcher tags = Pattern.compile("<(/?)" + tag + "\\b").matcher(dom);
		int depth = 0;
		tags.region(from, dom.length());
		while (tags.find()) {
			depth += tags.group(1).isEmpty() ? 1 : -1;
			if (depth == 0) {
				return dom.substring(from, dom.indexOf('>', tags.end()) + 1);
			}
		}
		throw new AssertionError("unclosed " + start);
	}

	/** The text of serialised markup, tags dropped and entities kept as they are. */
	private static String text(String markup) {
		return markup.replaceAll("<br>", " ").replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
	}

}
