package dev.glmbatch.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatorRulesFileTests {

	@Test
	void readsEveryKeyOfTheDocumentedFormat(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("rules.yaml");
		Files.writeString(file, """
				rules:
				  - match:
				      contains: "Target language: Klingon"
				      model: glm-4.5-air
				      thinking: disabled
				      route: openai
				    respond:
				      content: "nuqneH"
				      reasoning: "hmm"
				      finishReason: length
				      httpStatus: 200
				      latency: 250ms
				      slowDrip: {bytes: 16, pause: 1s}
				      malformedSse: true
				      retryAfter: 3
				    times: 2
				  - respond: {code: 1302, dropConnection: true, latency: PT2S}
				""");

		List<SimulatorRule> rules = SimulatorRulesFile.read(file);

		assertThat(rules).hasSize(2);
		SimulatorRule first = rules.get(0);
		assertThat(first.match()).isEqualTo(
				new SimulatorRule.Match("Target language: Klingon", "glm-4.5-air", false, SimulatorRule.Route.OPENAI));
		assertThat(first.respond()).isEqualTo(new SimulatorRule.Response("nuqneH", "hmm", "length", 200, null,
				Duration.ofMillis(250), false, new SimulatorRule.SlowDrip(16, Duration.ofSeconds(1)), true, "3"));
		assertThat(first.times()).isEqualTo(2);
		SimulatorRule second = rules.get(1);
		assertThat(second.match()).isEqualTo(SimulatorRule.Match.any());
		assertThat(second.respond().code()).isEqualTo("1302");
		assertThat(second.respond().dropConnection()).isTrue();
		assertThat(second.respond().latency()).isEqualTo(Duration.ofSeconds(2));
		assertThat(second.times()).isNull();
	}

	@Test
	void readsEmptyDocumentAsNoRules() {
		assertThat(SimulatorRulesFile.parse("")).isEmpty();
		assertThat(SimulatorRulesFile.parse("rules: []")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "unknown key|rules: [{respond: {conten: x}}]|rules[0].respond.conten",
			"missing respond|rules: [{match: {model: glm-4.5}}]|rules[0].respond",
			"bad duration|rules: [{respond: {latency: soon}}]|rules[0].respond.latency",
			"bad thinking|rules: [{match: {thinking: maybe}, respond: {content: x}}]|rules[0].match.thinking",
			"bad route|rules: [{match: {route: grpc}, respond: {content: x}}]|rules[0].match.route",
			"zero times|rules: [{respond: {content: x}, times: 0}]|rules[0]",
			"rules not a list|rules: {a: 1}|must be a list", "unknown top-level key|rulez: []|rulez",
			"quoted number|rules: [{respond: {httpStatus: \"429\"}}]|respond.httpStatus must be a whole number",
			"fraction as number|rules: [{respond: {content: x}, times: 1.5}]|rules[0].times must be a whole number",
			"text as flag|rules: [{respond: {dropConnection: \"true\"}}]|rules[0].respond.dropConnection must be true",
			"drip without pause|rules: [{respond: {slowDrip: {bytes: 16}}}]|respond.slowDrip.pause is required",
			"list as duration|rules: [{respond: {latency: [2s]}}]|rules[0].respond.latency must be a duration" })
	void refusesInvalidDocumentNamingTheKey(String description, String yaml, String named) {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorRulesFile.parse(yaml))
			.withMessageContaining(named);
	}

	@Test
	void namesTheFileInErrors(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("broken.yaml");
		Files.writeString(file, "rules: [{respond: {httpStatus: 99}}]");

		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorRulesFile.read(file))
			.withMessageContaining("broken.yaml")
			.withMessageContaining("httpStatus");
	}

}
