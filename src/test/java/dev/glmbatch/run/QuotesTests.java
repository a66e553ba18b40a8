package dev.glmbatch.run;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelPrice;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.TrafficSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/** The estimate reads the input, counts one call per non-blank cell and language, and prices both thinking modes. */
class QuotesTests {

	/** One dollar per million tokens, in and out. */
	private static final ModelCatalog DOLLAR_PER_MILLION = model -> new ModelSpec(model, ModelPrice.of("1", "1", "1"),
			null, null, 10, ThinkingControl.TOGGLE, true);

	/** A table that knows no price. */
	private static final ModelCatalog UNPRICED = model -> new ModelSpec(model, null, null, null, 10,
			ThinkingControl.TOGGLE, false);

	@TempDir
	Path dir;

	@Test
	void countsCallsPerNonBlankCellAndLanguageAndPricesThinkingOffAndOn() {
		JobDefinition job = JobDefinitionLoader.load(aTranslationJob(dir).withRows(10)
			.withLanguages("fr", "de")
			.withConcurrency(8)
			.withChunkSize(8)
			.withRawLine("P-blank,,no name")
			.withRawLine("P-ragged,only two")
			.write());

		Quote quote = new Quotes(DOLLAR_PER_MILLION, model -> limit(4)).quote(job);

		assertThat(quote.rows()).isEqualTo(12);
		assertThat(quote.rejectedRows()).isEqualTo(1);
		assertThat(quote.calls()).isEqualTo(20);
		assertThat(quote.promptTokens()).isGreaterThan(20L * Quotes.INSTRUCTION_TOKENS);
		assertThat(quote.completionTokensThinkingOn())
			.isEqualTo(quote.completionTokensThinkingOff() + 20L * Quotes.REASONING_TOKENS);
		assertThat(quote.costThinkingOff()).isEqualByComparingTo(
				BigDecimal.valueOf(quote.promptTokens() + quote.completionTokensThinkingOff()).movePointLeft(6));
		assertThat(quote.costThinkingOn()).isGreaterThan(quote.costThinkingOff());
		assertThat(quote.inFlight()).as("the smaller of concurrency and limit").isEqualTo(4);
	}

	@Test
	void aHigherLimitShortensTheDurationAndAnUnknownPriceLeavesTheCostOpen() {
		JobDefinition job = JobDefinitionLoader.load(aTranslationJob(dir).withRows(40).withChunkSize(16).withConcurrency(16).write());

		Quote narrow = new Quotes(UNPRICED, model -> limit(2)).quote(job);
		Quote wide = new Quotes(UNPRICED, model -> limit(8)).quote(job);

		assertThat(narrow.durationThinkingOff()).isGreaterThan(wide.durationThinkingOff().multipliedBy(3));
		assertThat(wide.durationThinkingOn()).isGreaterThan(wide.durationThinkingOff());
		assertThat(narrow.costThinkingOff()).isNull();
	}

	@Test
	void estimatesTokensFromCharactersWithCjkCountingMore() {
		assertThat(Quotes.textTokens("abcdefgh")).isEqualTo(2);
		assertThat(Quotes.textTokens("日本語の")).isEqualTo(3);
	}

	private static TrafficSnapshot limit(int limit) {
		return new TrafficSnapshot(limit, 0, 0, 0, Map.of());
	}

}
