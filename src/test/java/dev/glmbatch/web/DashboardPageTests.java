package dev.glmbatch.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.testsupport.AbstractServiceTests;
import dev.glmbatch.testsupport.ServiceFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's page and assets are served at {@code /} by the service, open without
 * the token (they hold no data), while the API they call stays guarded.
 */
class DashboardPageTests extends AbstractServiceTests {

	private static final String TOKEN = "dashboard-token-8c2e";

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(dashboard/[^\"]+)\"");

	private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

	@Test
	void servesThePageAndEveryAssetItLoadsFromTheServiceItself() throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		service.serve(dir);
		HttpResponse<String> page = service.get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertContentType(page, "text/html");
		assertThat(page.body()).contains("<table id=\"jobs\">").contains("<table id=\"runs\"");
		List<String> assets = assets(service, page.body());
		assertThat(assets).contains("dashboard/dashboard.css", "dashboard/dashboard.js", "dashboard/api.js",
				"dashboard/view.js", "dashboard/run.js", "dashboard/charts.js");
		// the charting library comes from the service itself, without a version in its
		// path
		assertThat(page.body()).contains("href=\"webjars/uplot/dist/uPlot.min.css\"");
		assertThat(service.get("/dashboard/charts.js").body()).contains("from '../webjars/uplot/dist/uPlot.esm.js'");
		for (String webjar : List.of("/webjars/uplot/dist/uPlot.esm.js", "/webjars/uplot/dist/uPlot.min.css")) {
			HttpResponse<String> response = service.get(webjar);
			assertThat(response.statusCode()).as(webjar).isEqualTo(200);
			assertContentType(response, webjar.endsWith(".css") ? "text/css" : "text/javascript");
		}
		for (String asset : assets) {
			HttpResponse<String> response = service.get("/" + asset);
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertContentType(response, asset.endsWith(".css") ? "text/css" : "text/javascript");
			if (asset.endsWith(".js")) {
				assertThat(response.body())
					.as("%s puts API text into the page as text only, keeps the token"
							+ " in the tab and loads nothing from elsewhere", asset)
					.doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
					.doesNotContain("localStorage")
					.doesNotContain("http://", "https://");
			}
		}
	}

	@Test
	void pageAndAssetsStayOpenWhenATokenIsSetButTheApiDoesNot() throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		service.serve(dir, Map.of("glmbatch.service.token", TOKEN));
		HttpResponse<String> page = service.get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertContentType(page, "text/html");
		for (String asset : assets(service, page.body())) {
			assertThat(service.get("/" + asset).statusCode()).as(asset).isEqualTo(200);
		}
		assertThat(service.get("/index.html").statusCode()).isEqualTo(200);
		assertThat(service.get("/webjars/uplot/dist/uPlot.esm.js").statusCode()).isEqualTo(200);
		assertThat(service.get("/api/jobs").statusCode()).isEqualTo(401);
		assertThat(service.get("/api/runs").statusCode()).isEqualTo(401);
		assertThat(service.withToken(TOKEN).get("/api/runs").statusCode()).isEqualTo(200);
	}

	/** The assets the page names, and the modules they import, transitively. */
	private static List<String> assets(ServiceFixture service, String page) {
		List<String> found = new ArrayList<>();
		Matcher linked = ASSET.matcher(page);
		while (linked.find()) {
			found.add(linked.group(1));
		}
		for (int i = 0; i < found.size(); i++) {
			String asset = found.get(i);
			if (asset.endsWith(".js")) {
				Matcher imported = IMPORT.matcher(service.get("/" + asset).body());
				while (imported.find()) {
					String module = asset.substring(0, asset.lastIndexOf('/') + 1) + imported.group(1);
					if (!found.contains(module)) {
						found.add(module);
					}
				}
			}
		}
		assertThat(found).as("assets named by the page").isNotEmpty();
		return found;
	}

	private static void assertContentType(HttpResponse<String> response, String type) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(value -> assertThat(value).startsWith(type));
	}

}
