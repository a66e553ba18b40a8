package dev.glmbatch.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules-file example in {@code docs/simulator-rules.md} is a valid rules file that
 * means what the page says.
 */
class SimulatorRulesDocTests {

	@TempDir
	Path dir;

	@Test
	void documentedExampleReadsAsTheRuleItDescribes() throws IOException {
		String page = Files.readString(Path.of("docs/simulator-rules.md"), StandardCharsets.UTF_8);
		int start = page.indexOf("```yaml\n") + "```yaml\n".length();
		String example = page.substring(start, page.indexOf("```", start));
		Path file = Files.writeString(dir.resolve("rules.yaml"), example, StandardCharsets.UTF_8);

		List<SimulatorRule> rules = SimulatorRulesFile.read(file);

		assertThat(rules).hasSize(1);
		SimulatorRule rule = rules.get(0);
		assertThat(rule.match().contains()).isEqualTo("Target language: Klingon");
		assertThat(rule.match().thinking()).isTrue();
		assertThat(rule.match().route()).isEqualTo(SimulatorRule.Route.ZAI);
		assertThat(rule.respond().code()).isEqualTo("1302");
		assertThat(rule.respond().latency()).isEqualTo(Duration.ofSeconds(2));
		assertThat(rule.respond().slowDrip()).isEqualTo(new SimulatorRule.SlowDrip(16, Duration.ofMillis(100)));
		assertThat(rule.times()).isEqualTo(2);
	}

	@Test
	void documentedTypoMessageIsTheOneGiven() throws IOException {
		Path file = Files.writeString(dir.resolve("typo.yaml"), """
				rules:
				  - respond: {content: a}
				  - respond: {latnecy: 2s}
				""", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> SimulatorRulesFile.read(file)).hasMessageContaining(file.toString())
			.hasMessageContaining("unknown key rules[1].respond.latnecy");
	}

}
