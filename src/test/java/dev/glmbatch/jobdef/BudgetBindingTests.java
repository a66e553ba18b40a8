package dev.glmbatch.jobdef;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.testsupport.JobYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.glmbatch.testsupport.JobYaml.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The optional {@code budget} section: what it accepts, and the YAML path, line and fix
 * of what it refuses.
 */
class BudgetBindingTests {

	@TempDir
	Path dir;

	@Test
	void noBudgetMeansNoCap() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write(MINIMAL));

		assertThat(job.budget()).isEqualTo(Budget.UNLIMITED);
		assertThat(job.budget().isLimited()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "budget: {usd: 5.00}| 5.00| -", "budget: {tokens: 2000000}| -| 2000000",
					"budget: {usd: 12, tokens: 1000}| 12| 1000", "budget: {usd: 0.25}| 0.25| -" })
	void readsDollarsTokensOrBoth(String yaml, String usd, Long tokens) throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write(MINIMAL + yaml + "\n"));

		assertThat(job.budget().usd()).isEqualTo(usd == null ? null : new BigDecimal(usd));
		assertThat(job.budget().tokens()).isEqualTo(tokens);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "budget: {usd: 0}| budget.usd| 9| write a positive amount",
			"budget: {usd: -3}| budget.usd| 9| write a positive amount",
			"budget: {usd: '$5'}| budget.usd| 9| write usd: 5",
			"budget: {usd: lots}| budget.usd| 9| write a positive number, e.g. usd: 5.00",
			"budget: {tokens: 2.5}| budget.tokens| 9| write a whole number, e.g. tokens: 2000000",
			"budget: {tokens: '2000'}| budget.tokens| 9| write the number without quotes, e.g. tokens: 2000",
			"budget: {tokens: 0}| budget.tokens| 9| write a positive whole number",
			"budget: {usd: 5, dollars: 5}| budget.dollars| 9| remove it, or use one of the keys allowed under budget: usd, tokens",
			"budget: {}| budget| 9| give it usd, tokens or both",
			"budget: 5| budget| 9| indent its keys below 'budget:'" })
	void refusesWhatCannotBeACapWithPathLineAndFix(String yaml, String yamlPath, int line, String fix)
			throws IOException {
		Path file = write(MINIMAL + yaml + "\n");

		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(file));

		assertThat(ex).isNotNull();
		assertThat(ex.yamlPath()).isEqualTo(yamlPath);
		assertThat(ex.problems()).singleElement()
			.asString()
			.startsWith(file + ": " + yamlPath + " (line " + line)
			.contains(". Fix: ")
			.contains(fix);
	}

	private Path write(String yaml) throws IOException {
		Files.writeString(dir.resolve("products.csv"), "sku,name\nP1,Lamp\n", StandardCharsets.UTF_8);
		return JobYaml.write(dir, yaml);
	}

}
