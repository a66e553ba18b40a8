package dev.glmbatch.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.glmbatch.progress.Progress;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line draws and prints: the progress bar in 80 columns, times, and the
 * jar in resume hints.
 */
class TerminalOutputTests {

	@ParameterizedTest
	@ValueSource(longs = { 1_000, 100_000 })
	void theProgressBarFitsEightyColumnsWithABarAndSeparatedFigures(long rows) throws InterruptedException {
		List<String> lines = new CopyOnWriteArrayList<>();
		TerminalProgress display = new TerminalProgress(new DelegatingProgressBarConsumer(lines::add, 80));

		display.show(progress(rows * 42 / 100, rows, 0, false));
		Thread.sleep(400);
		display.show(progress(rows, rows, 0, true));

		assertThat(lines).isNotEmpty().allSatisfy(line -> {
			assertThat(line.length()).isLessThanOrEqualTo(80);
			String bar = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
			assertThat(bar.length()).as(line).isGreaterThanOrEqualTo(10);
		});
		// the very first drawing comes before the figures are set
		assertThat(lines).filteredOn(line -> line.contains("GLM"))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).containsPattern("/s \\| GLM 3/5 \\$0\\.0123"));
	}

	@Test
	void throttlingShowsOnlyOnceItHappens() {
		assertThat(TerminalProgress.extraMessage(progress(1, 10, 0, false))).isEqualTo(" | GLM 3/5 $0.0123");
		assertThat(TerminalProgress.extraMessage(progress(1, 10, 7, false))).isEqualTo(" | GLM 3/5 $0.0123 429x7");
	}

	@Test
	void timesAreToTheSecondWithTheirZone() {
		assertThat(Times.format(LocalDateTime.of(2026, 3, 14, 9, 26, 53, 123_456_789)))
			.matches("2026-03-14 09:26:53 \\S+");
		assertThat(Times.format(null)).isEqualTo("-");
	}

	@Test
	void resumeHintsQuoteWhatTheShellWouldSplit() {
		assertThat(JarCommand.quoted("jobs/x.yaml")).isEqualTo("jobs/x.yaml");
		assertThat(JarCommand.quoted("my jobs/x.yaml")).isEqualTo("'my jobs/x.yaml'");
		assertThat(JarCommand.quoted("it's")).isEqualTo("'it'\\''s'");
		// in a test the classes come from a folder, not a jar: the jar's name as the
		// build makes it
		assertThat(JarCommand.prefix()).isEqualTo("java -jar glm-batch.jar");
	}

	private static Progress progress(long done, long total, long throttled, boolean finished) {
		return new Progress(done, total, 84.8, Duration.ofSeconds(75), 3, 5, 12_345, new BigDecimal("0.0123"),
				throttled, finished);
	}

}
