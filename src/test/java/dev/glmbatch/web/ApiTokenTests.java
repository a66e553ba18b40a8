package dev.glmbatch.web;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Map;

import dev.glmbatch.testsupport.AbstractServiceTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access to the API: loopback by default; any other address only with a token, which
 * every API call must carry.
 */
class ApiTokenTests extends AbstractServiceTests {

	private static final String TOKEN = "canary-token-5d1f";

	@Test
	void refusesToServeOnAReachableAddressWithoutAToken() throws Exception {
		Files.createDirectories(dir.resolve("jobs"));

		assertThatThrownBy(() -> service.serve(dir, Map.of("server.address", "0.0.0.0"))).rootCause()
			.hasMessageContaining("glmbatch.service.token")
			.hasMessageContaining("127.0.0.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void loopbackNeedsNoToken(String address) throws Exception {
		new ApiProperties(null).requireTokenUnlessLoopback(InetAddress.getByName(address));
		assertThatThrownBy(() -> new ApiProperties(" ").requireTokenUnlessLoopback(InetAddress.getByName("10.1.2.3")))
			.hasMessageContaining("10.1.2.3");
		assertThat(new ApiProperties(TOKEN)).hasToString("ApiProperties[token=****]");
	}

	@Test
	void everyApiCallNeedsTheTokenWhenBoundToAnotherAddress() throws Exception {
		Files.createDirectories(dir.resolve("jobs"));
		service.serve(dir, Map.of("server.address", "0.0.0.0", "glmbatch.service.token", TOKEN));
		for (String path : new String[] { "/api/jobs", "/api/runs", "/api/runs/1", "/actuator/prometheus" }) {
			assertThat(service.get(path).statusCode()).as(path).isEqualTo(401);
		}
		assertThat(service.post("/api/jobs/any/runs").statusCode()).isEqualTo(401);
		assertThat(service.withToken("wrong").get("/api/jobs").statusCode()).isEqualTo(401);
		assertThat(service.get("/api/jobs").headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(service.get("/api/runs/1").body());
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("detail").asString()).contains("Authorization: Bearer <token>");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/runs/1");
		assertThat(service.get("/actuator/health").statusCode()).as("probes stay open").isEqualTo(200);

		assertThat(service.withToken(TOKEN).get("/api/jobs").statusCode()).isEqualTo(200);
		assertThat(service.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(service.get("/actuator/prometheus").body()).doesNotContain(TOKEN);
	}

}
