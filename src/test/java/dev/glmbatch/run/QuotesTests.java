package dev.glmbatch.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelPrice;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.testsupport.JobYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estimate reads the input, counts one call per non-blank cell and language, and
 * prices both thinking modes.
 */
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
		assertThat(quote.promptTokens()).isGreaterThan(20L * RowCalls.INSTRUCTION_TOKENS);
		// 2% of 20 first calls is no whole repair, and the job does not think on its own
		// (thinking: disabled)
		assertThat(quote.repairCalls()).isZero();
		assertThat(quote.escalationCalls()).isZero();
		assertThat(quote.completionTokensThinkingOn())
			.isEqualTo(quote.completionTokensThinkingOff() + 20L * Quotes.REASONING_TOKENS);
		assertThat(quote.callBasis()).isEqualTo("one per non-blank source cell and target language");
		assertThat(quote.costThinkingOff()).isEqualByComparingTo(
				BigDecimal.valueOf(quote.promptTokens() + quote.completionTokensThinkingOff()).movePointLeft(6));
		assertThat(quote.costThinkingOn()).isGreaterThan(quote.costThinkingOff());
		assertThat(quote.inFlight()).as("the smaller of concurrency and limit").isEqualTo(4);
	}

	@Test
	void aHigherLimitShortensTheDurationAndAnUnknownPriceLeavesTheCostOpen() {
		JobDefinition job = JobDefinitionLoader
			.load(aTranslationJob(dir).withRows(40).withChunkSize(16).withConcurrency(16).write());

		Quote narrow = new Quotes(UNPRICED, model -> limit(2)).quote(job);
		Quote wide = new Quotes(UNPRICED, model -> limit(8)).quote(job);

		assertThat(narrow.durationThinkingOff()).isGreaterThan(wide.durationThinkingOff().multipliedBy(3));
		assertThat(wide.durationThinkingOn()).isGreaterThan(wide.durationThinkingOff());
		assertThat(narrow.costThinkingOff()).isNull();
	}

	@Test
	void classifyIsOneCallPerRowWithTheLabelsInEveryPromptAndRepairsAndEscalationsAssumed() throws IOException {
		Files.writeString(dir.resolve("tickets.csv"), ticketRows(200));
		JobDefinition job = JobDefinitionLoader.load(JobYaml.write(dir, """
				input: {path: tickets.csv}
				task:
				  type: classify
				  columns: [text]
				  labels: {billing: invoice and refund questions, technical: errors and outages}
				thinking: auto
				output: {path: out.csv}
				"""));

		Quote quote = new Quotes(DOLLAR_PER_MILLION, model -> limit(4)).quote(job);

		assertThat(quote.rows()).isEqualTo(200);
		assertThat(quote.calls()).isEqualTo(200);
		assertThat(quote.repairCalls()).isEqualTo(10);
		assertThat(quote.escalationCalls()).isEqualTo(4);
		assertThat(quote.callBasis()).isEqualTo("one per row with text");
		// the system prompt with the labels alone is over 100 tokens a call
		assertThat(quote.promptTokens()).isGreaterThan(214L * 100);
		assertThat(quote.completionTokensThinkingOn())
			.isEqualTo(quote.completionTokensThinkingOff() + 214L * Quotes.REASONING_TOKENS);
		assertThat(quote.assumptions()).contains("5% of first calls fail their check and get one repair call",
				"2% of first calls are asked again with thinking on (thinking: auto)");
	}

	@Test
	void summariseReadsTheDocumentsAndCountsASectionCallPerSectionAndOneToCombine() throws IOException {
		Path docs = Files.createDirectories(dir.resolve("docs"));
		Files.writeString(docs.resolve("short.txt"), "A short note. It says little.");
		Files.writeString(docs.resolve("long.txt"),
				("A paragraph of a long report with many words in it. ".repeat(40) + "\n\n").repeat(10));
		Files.writeString(dir.resolve("docs.csv"), "doc,file\nD1,short.txt\nD2,long.txt\nD3,../outside.txt\n");
		JobDefinition job = JobDefinitionLoader.load(JobYaml.write(dir, """
				input: {path: docs.csv}
				task: {type: summarise, path-column: file, base-folder: docs, words: 50, section-tokens: 1000}
				output: {path: out.csv}
				"""));

		Quote quote = new Quotes(DOLLAR_PER_MILLION, model -> limit(4)).quote(job);

		// the long document is ten paragraphs of about 520 tokens: two do not fit a
		// section of 1,000, so each is a
		// section of its own, then one call combines them; the short one is one call; the
		// one outside makes none
		assertThat(quote.calls()).isEqualTo(1 + 10 + 1);
		assertThat(quote.promptTokens()).isGreaterThan(5_000);
		assertThat(quote.callBasis()).startsWith("one per document, or for a long one one per section of 1000");
	}

	@Test
	void generateCountsTheSchemaInThePromptAndItsFieldsInTheAnswer() throws IOException {
		Files.writeString(dir.resolve("products.csv"), "sku,name\nP1,Desk lamp\nP2,Chair\n");
		String schema = "  schema: {type: object, properties: {teaser: {type: string}, score: {type: integer}}}\n";
		JobDefinition job = JobDefinitionLoader.load(JobYaml.write(dir, """
				input: {path: products.csv}
				task:
				  type: generate
				  prompt: "Write a teaser for {{name}}"
				""" + schema + "output: {path: out.csv}\n"));

		Quote quote = new Quotes(DOLLAR_PER_MILLION, model -> limit(4)).quote(job);

		assertThat(quote.calls()).isEqualTo(2);
		assertThat(quote.completionTokensThinkingOff()).isEqualTo(2 * (10 + 2 * 20));
		assertThat(quote.assumptions().get(0)).isEqualTo("8% of first calls fail their check and get one repair call");
	}

	private static String ticketRows(int count) {
		StringBuilder rows = new StringBuilder("id,text\n");
		for (int i = 1; i <= count; i++) {
			rows.append("T").append(i).append(",My invoice ").append(i).append(" was charged twice\n");
		}
		return rows.toString();
	}

	@Test
	void countsOneCallPerRowWithTextForAnExtractJobWithTheSchemaInEachPrompt() throws IOException {
		Files.writeString(dir.resolve("in.csv"),
				"id,text\nI1,Invoice from Acme total EUR 12.50\nI2,\n" + "I3,Receipt from Harbor Coffee total $9.00\n",
				StandardCharsets.UTF_8);
		String schema = "{type: object, properties: {vendor: {type: string}, total: {type: number}}}";
		JobDefinition job = JobDefinitionLoader.load(JobYaml.write(dir, """
				input:
				  path: in.csv
				task:
				  type: extract
				  columns: [text]
				  schema: %s
				output:
				  path: out.csv
				""".formatted(schema)));

		Quote quote = new Quotes(DOLLAR_PER_MILLION, model -> limit(4)).quote(job);

		assertThat(quote.rows()).isEqualTo(3);
		assertThat(quote.calls()).as("none for the row without text").isEqualTo(2);
		assertThat(quote.repairCalls()).isZero();
		assertThat(quote.promptTokens()).isGreaterThan(2L * (RowCalls.INSTRUCTION_TOKENS + 20));
		assertThat(quote.completionTokensThinkingOff()).isEqualTo(2L * 2 * RowCalls.FIELD_TOKENS);
		assertThat(quote.completionTokensThinkingOn())
			.isEqualTo(quote.completionTokensThinkingOff() + 2L * Quotes.REASONING_TOKENS);
	}

	@Test
	void estimatesTokensFromCharactersWithCjkCountingMore() {
		assertThat(RowCalls.textTokens("abcdefgh")).isEqualTo(2);
		assertThat(RowCalls.textTokens("日本語の")).isEqualTo(3);
	}

	private static TrafficSnapshot limit(int limit) {
		return new TrafficSnapshot(limit, 0, 0, 0, Map.of());
	}

}
