package dev.glmbatch.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.DevToolsPage;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.HeadlessChromium;
import dev.glmbatch.testsupport.ServiceFixture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the service and
 * the simulator: what it shows after a run, and a user's way through it with a token:
 * enter the token, run, stop, resume, read the report, download the output. Skipped when
 * Chromium is not installed.
 */
class DashboardBrowserTests {

	private static final String TOKEN = "browser-token-41ad";

	private static final String MARKUP = "<img src=x onerror=alert(1)>";

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
				.contains("quick", "COMPLETED", "13 / 13 (100 %)", "13 / 12 / 1", "Report", "Output", "Rejects")
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
	void asksForTheTokenThenRunsStopsResumesReportsAndDownloads() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(30))));
		TranslationJobFixture slow = aTranslationJob(dir).named("slow")
			.withRows(300)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr");
		slow.write();
		try (ServiceFixture service = ServiceFixture
			.start(dir, simulator.zaiBaseUrl(), Map.of("glmbatch.service.token", TOKEN))
			.withToken(TOKEN); DevToolsPage page = HeadlessChromium.open(dir.resolve("chromium"))) {
			page.navigate(base(service));

			// without a token the API answers 401: the page asks for the token and shows
			// the problem detail
			page.await("!document.getElementById('token-form').hidden", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).contains("Unauthorized", "Authorization: Bearer");
			assertThat(page.text("#jobs tbody")).isEmpty();
			page.evaluate("document.getElementById('token').value = " + quoted(TOKEN));
			page.click("#token-form button[type=submit]");
			page.await("document.querySelector('#jobs tr[data-job=\"slow\"]')", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).as("the 401 message goes once the token works").isEmpty();
			assertThat(page.evaluate("sessionStorage.getItem('glmbatch.service.token')").asString()).isEqualTo(TOKEN);
			assertThat(page.evaluate("localStorage.length").asInt()).isZero();

			page.click("button[aria-label='Run job slow now']");
			long runId = latestRun(service, "slow");
			String row = "#runs tr[data-run-id=\"" + runId + "\"]";
			page.await("document.querySelector('" + row + "[data-status=\"STARTED\"]')", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).contains("Run " + runId + " of job slow started.");

			page.click("button[aria-label='Run job slow now']");
			page.await("document.querySelector('#messages .error')", Duration.ofSeconds(15));
			assertThat(page.text("#messages .error")).contains("Conflict").contains("busy");
			page.click("#messages .error button");

			page.click("button[aria-label='Stop run " + runId + "']");
			page.await("document.querySelector('" + row + "[data-status=\"STOPPED\"]')", Duration.ofSeconds(60));
			assertThat(page.text("#messages")).contains("Stop requested: run " + runId);
			long rowsAtStop = service.run(runId).get("totals").get("rows").asLong();
			assertThat(rowsAtStop).isLessThan(300);
			assertThat(page.text(row)).contains(rowsAtStop + " / 300");
			assertThat(page.evaluate("document.querySelector(\"button[aria-label='Stop run " + runId + "']\") === null")
				.asBoolean()).as("no Stop button on a stopped run").isTrue();

			// resume once the service has let go of the job, as the jobs table shows
			page.await("document.querySelector('#jobs tr[data-job=\"slow\"]').innerText.includes('idle')",
					Duration.ofSeconds(30));
			page.click("button[aria-label='Resume run " + runId + "']");
			page.await("document.getElementById('messages').innerText.includes('Resumed run " + runId + "')",
					Duration.ofSeconds(15));
			page.await("document.querySelector('" + row + "[data-status=\"COMPLETED\"]')", Duration.ofSeconds(60));
			assertThat(page.text(row)).contains("300 / 300 (100 %)", "300 / 300 / 0", "×2");
			assertThat(page.text("#messages .error")).isEmpty();

			page.click("a[aria-label='Report of run " + runId + "']");
			page.await("!document.getElementById('report').hidden", Duration.ofSeconds(15));
			assertThat(page.text("#report")).contains("Report of run " + runId, "COMPLETED after 2 executions",
					"300 committed of 300 input rows: 300 done, 0 rejected", "calls with thinking", "Tokens", "$",
					"300 with thinking off, 0 on, 0 escalated");
			assertThat(page.text("#report .thinking-split tbody tr:first-child")).startsWith("Thinking off")
				.doesNotContain("$0.0000");
			assertThat(page.text("#report .thinking-split tbody tr:last-child")).startsWith("Thinking on")
				.contains("$0.0000");

			page.click("#report a[aria-label='Download the output of run " + runId + "']");
			Path downloaded = page.downloads().resolve("slow.csv");
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(downloaded));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(downloaded).hasSameBinaryContentAs(slow.outputFile()));
			page.await("document.getElementById('messages').innerText.includes('Downloaded slow.csv')",
					Duration.ofSeconds(10));
			assertThat(page.text("#messages .error")).isEmpty();

			// its input was processed: Run now says so and offers a fresh run, which
			// starts a new one
			page.await("document.querySelector('#jobs tr[data-job=\"slow\"]').innerText.includes('idle')",
					Duration.ofSeconds(30));
			page.click("button[aria-label='Run job slow now']");
			page.await("document.querySelector(\"button[aria-label='Run job slow anew']\")", Duration.ofSeconds(15));
			assertThat(page.text("#messages")).contains("already processed by run " + runId);
			page.click("button[aria-label='Run job slow anew']");
			page.await("document.querySelectorAll('#runs tr[data-run-id]').length === 2", Duration.ofSeconds(15));
			long fresh = latestRun(service, "slow");
			assertThat(fresh).isNotEqualTo(runId);
			page.await(
					"document.getElementById('messages').innerText.includes('Run " + fresh + " of job slow started.')",
					Duration.ofSeconds(15));
			assertThat(page.text("#messages .error")).isEmpty();
		}
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
