package dev.glmbatch.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.CsvFiles;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user opening the output finds, through whole runs against the simulator: every
 * input row with its status and reject reason in CSV and XLSX, a byte order mark when
 * asked, numbers as numeric cells in XLSX where that loses nothing, and JSON types kept
 * in JSONL.
 */
class OutputLayoutIntegrationTests extends AbstractApplicationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@Test
	void csvHoldsEveryInputRowInOrderWithItsStatusAndReasonAndABomWhenAsked() throws IOException {
		Files.writeString(dir.resolve("in.csv"),
				"sku,name,status\nP1,Lamp,open\nP2,Desk,closed\nP3,\u732b Chair \uD83D\uDE00,open\n");
		simulator.addRule(SimulatorRule.when(Match.containing("Desk"), Response.error(400, "1301")));
		Path job = translateJob("bom", "in.csv", "", "out.csv", "  bom: true\n");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		byte[] output = Files.readAllBytes(dir.resolve("out.csv"));
		assertThat(output).startsWith(BOM);
		assertThat(Files.readAllBytes(dir.resolve("out-rejects.csv"))).startsWith(BOM);
		// the input has its own status column, so the added pair is prefixed
		assertThat(new String(output, StandardCharsets.UTF_8).lines().findFirst())
			.hasValue("\uFEFFsku,name,status,name_fr,glmbatch_status,glmbatch_reject_reason");
		List<Map<String, String>> rows = CsvFiles.rows(dir.resolve("out.csv"));
		assertThat(rows).extracting(row -> row.get("sku")).containsExactly("P1", "P2", "P3");
		assertThat(rows).extracting(row -> row.get("status")).containsExactly("open", "closed", "open");
		assertThat(rows).extracting(row -> row.get("glmbatch_status")).containsExactly("done", "rejected", "done");
		assertThat(rows.get(1)).containsEntry("name_fr", "").containsEntry("name", "Desk");
		assertThat(rows.get(1).get("glmbatch_reject_reason")).contains("1301");
		assertThat(rows.get(2)).containsEntry("name_fr", "[French] \u732b Chair \uD83D\uDE00")
			.containsEntry("glmbatch_reject_reason", "");
	}

	@Test
	void withoutBomTheCsvStartsWithTheHeader() throws IOException {
		Files.writeString(dir.resolve("in.csv"), "sku,name\nP1,Lamp\n");

		operator()
			.start(JobDefinitionLoader.load(translateJob("plain", "in.csv", "", "out.csv", "")),
					RunOptions.RESUME_OR_START)
			.await();

		assertThat(Files.readString(dir.resolve("out.csv"))).startsWith("sku,name,name_fr,status,reject_reason\r\n");
		assertThat(Files.readString(dir.resolve("out-rejects.csv"))).startsWith("row,");
	}

	@Test
	void xlsxWritesExactNumbersAsNumericCellsAndEverythingElseAsText() throws IOException {
		Files.writeString(dir.resolve("in.csv"), """
				sku,name,price,qty,zip,phone,card,mixed
				P1,Lamp,19.95,3,01234,+33 1 23 45 67 89,4111111111111111,12
				P2,Desk,-2.5,10,12345,0612345678,4000000000000002,1.50
				P3,Chair,0.1,,75001,555-0100,5500000000000004,7
				""");
		simulator.addRule(SimulatorRule.when(Match.containing("Chair"), Response.error(400, "1301")));

		operator()
			.start(JobDefinitionLoader.load(translateJob("numbers", "in.csv", "", "out.xlsx", "")),
					RunOptions.RESUME_OR_START)
			.await();

		try (InputStream in = Files.newInputStream(dir.resolve("out.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
			Sheet results = book.getSheet("results");
			assertThat(texts(results.getRow(0))).containsExactly("sku", "name", "price", "qty", "zip", "phone", "card",
					"mixed", "name_fr", "status", "reject_reason");
			Row first = results.getRow(1);
			assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(19.95);
			assertThat(results.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(-2.5);
			assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(3);
			// an empty value in a numeric column stays an empty cell
			assertThat(results.getRow(3).getCell(3)).isNull();
			// leading zeros, phone numbers, more than 15 digits, and a column with 1.50
			// in it stay text
			for (int column = 4; column <= 7; column++) {
				assertThat(first.getCell(column).getCellType()).as("column %d", column).isEqualTo(CellType.STRING);
			}
			assertThat(first.getCell(4).getStringCellValue()).isEqualTo("01234");
			assertThat(first.getCell(6).getStringCellValue()).isEqualTo("4111111111111111");
			assertThat(texts(results.getRow(3))).containsSequence("Chair").contains("rejected");
			assertThat(results.getLastRowNum()).isEqualTo(3);
			assertThat(book.getSheet("failures").getLastRowNum()).isEqualTo(1);
		}
	}

	@Test
	void jsonlKeepsTheJsonTypesOfSchemaValues() throws IOException {
		Files.writeString(dir.resolve("in.csv"), "id,text\nT1,Call me back\n");
		simulator.addRule(SimulatorRule.when(Match.containing("Call me back"),
				Response.content(
						"{\"summary\": \"Wants a call\", \"needs_followup\": true, \"priority\": 1, \"score\": 0.75,"
								+ " \"tags\": [\"call\"], \"contact\": {\"phone\": \"01234\"}}")));
		Path job = Files.writeString(dir.resolve("typed.yaml"), """
				input: {path: in.csv, id-column: id}
				task:
				  type: generate
				  prompt: "Triage {{text}}"
				  schema:
				    type: object
				    properties:
				      summary: {type: string}
				      needs_followup: {type: boolean}
				      priority: {type: integer}
				      score: {type: number}
				      tags: {type: array, items: {type: string}}
				      contact: {type: object}
				output: {path: out.jsonl}
				""");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		JsonNode output = json.readTree(Files.readAllLines(dir.resolve("out.jsonl")).get(0)).get("output");
		assertThat(output.get("summary").isString()).isTrue();
		assertThat(output.get("needs_followup").isBoolean()).isTrue();
		assertThat(output.get("needs_followup").asBoolean()).isTrue();
		assertThat(output.get("priority").isIntegralNumber()).isTrue();
		assertThat(output.get("priority").asInt()).isEqualTo(1);
		assertThat(output.get("score").isNumber()).isTrue();
		assertThat(output.get("tags").isArray()).isTrue();
		assertThat(output.get("contact").get("phone").asString()).isEqualTo("01234");
	}

	private static List<String> texts(Row row) {
		List<String> texts = new java.util.ArrayList<>();
		row.forEach(cell -> texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue()
				: String.valueOf(cell.getNumericCellValue())));
		return texts;
	}

}
