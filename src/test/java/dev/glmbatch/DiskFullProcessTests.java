package dev.glmbatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.JobYaml;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TranslationJobFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar on a disk that fills up: the state database cannot grow past a
 * file-size limit mid-run. The run says so in one line (no stack trace), exits with code
 * 2, and the same command, once there is space, resumes it to the end with every row once
 * and nothing paid twice beyond the calls in flight.
 */
class DiskFullProcessTests {

	private static final int ROWS = 3000;

	private static final int CONCURRENCY = 4;

	/**
	 * Well above what creating the state database and its first chunks take (over 2 MB
	 * before H2 compacts it), well below what 3,000 rows make it grow to.
	 */
	private static final long LIMIT_KIB = 5000;

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@TempDir
	Path dir;

	@Test
	void fullStateDiskStopsTheRunInOneLineAndTheSameCommandResumesIt() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("disk-full-" + System.nanoTime())
			.withRows(ROWS)
			.withLanguages("fr", "de")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY);
		job.write();
		simulator.reset();
		String[] run = { "run", job.jobFile().toString(), "--base-url", simulator.zaiBaseUrl().toString() };

		String limited;
		try (JarProcess process = JarProcess.startWithFileSizeLimit(dir, dir.resolve("full.log"), environment(),
				LIMIT_KIB, run)) {
			assertThat(process.waitFor(Duration.ofMinutes(5))).isTrue();
			limited = process.output();
			assertThat(process.exitValue()).as(limited).isEqualTo(2);
		}
		Path state = dir.resolve(".glm-batch/state/glm-batch.mv.db").toAbsolutePath();
		assertThat(limited).as(limited)
			.contains("The disk is full (or a file-size limit was reached) at " + state + "; free space and run the"
					+ " same command to resume.")
			.doesNotContain("\tat ")
			.doesNotContain("failed unexpectedly")
			.doesNotContain("Exception");
		assertThat(limited.lines().filter(line -> line.contains("disk is full"))).hasSize(1);
		assertThat(Files.size(state)).as("the state database, stopped at the limit")
			.isLessThanOrEqualTo(LIMIT_KIB * 1024);

		try (JarProcess resumed = JarProcess.start(dir, dir.resolve("resume.log"), environment(), List.of(), run)) {
			assertThat(resumed.waitFor(Duration.ofMinutes(5))).isTrue();
			assertThat(resumed.exitValue()).as(resumed.output()).isZero();
			assertThat(resumed.output()).contains("resumed");
		}
		assertThat(CsvFiles.column(job.outputFile(), "sku")).as("every row once, in input order")
			.containsExactlyElementsOf(CsvFiles.numbered("P", ROWS));
		assertThat(simulator.repaidCalls()).as("paid twice").isLessThanOrEqualTo(CONCURRENCY * 2L);
	}

	@Test
	void fullDiskWhileTheStateDatabaseIsCreatedSaysSoInOneLineAndTheSameCommandRuns() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("first-start-" + System.nanoTime())
			.withRows(10)
			.withLanguages("fr");
		job.write();
		simulator.reset();
		String[] run = { "run", job.jobFile().toString(), "--base-url", simulator.zaiBaseUrl().toString() };

		// too small for the migrations that create the state database
		try (JarProcess process = JarProcess.startWithFileSizeLimit(dir, dir.resolve("first.log"), environment(), 300,
				run)) {
			assertThat(process.waitFor(Duration.ofMinutes(5))).isTrue();
			String output = process.output();
			assertThat(process.exitValue()).as(output).isEqualTo(1);
			assertThat(output).as(output)
				.contains("The disk is full (or a file-size limit was reached) at "
						+ dir.resolve(".glm-batch/state/glm-batch.mv.db").toAbsolutePath())
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
		}
		assertThat(simulator.requests()).as("no call before the state database exists").isZero();

		try (JarProcess again = JarProcess.start(dir, dir.resolve("again.log"), environment(), List.of(), run)) {
			assertThat(again.waitFor(Duration.ofMinutes(5))).isTrue();
			assertThat(again.exitValue()).as(again.output()).isZero();
		}
		assertThat(CsvFiles.column(job.outputFile(), "sku")).containsExactlyElementsOf(CsvFiles.numbered("P", 10));
	}

	@Test
	void xmlBombIsRefusedInOneLineWithoutTheLibrarysOwnLogging() throws Exception {
		Path bomb = Files.write(dir.resolve("laughs.xlsx"), XmlBombWorkbook.bytes());
		Path job = JobYaml.write(dir, JobYaml.minimalReading("laughs.xlsx"));

		try (JarProcess validate = JarProcess.start(dir, dir.resolve("validate.log"), Map.of(), List.of(), "validate",
				job.toString())) {
			assertThat(validate.waitFor(Duration.ofMinutes(2))).isTrue();
			assertThat(validate.exitValue()).isEqualTo(1);
			assertThat(validate.output()).isEqualTo(bomb + ": the workbook holds XML entity declarations (DOCTYPE),"
					+ " which are refused for safety. Do not process this file; if it is genuine, open it in Excel and"
					+ " save it again.");
		}
	}

	private static Map<String, String> environment() {
		return new HashMap<>(Map.of("ZAI_API_KEY", "process-test-key"));
	}

	/**
	 * A workbook whose shared strings declare nested entities (billion laughs), built in
	 * memory with POI.
	 */
	private static final class XmlBombWorkbook {

		static byte[] bytes() throws IOException {
			ByteArrayOutputStream plain = new ByteArrayOutputStream();
			try (XSSFWorkbook workbook = new XSSFWorkbook()) {
				Row header = workbook.createSheet("s").createRow(0);
				header.createCell(0).setCellValue("id");
				header.createCell(1).setCellValue("name");
				workbook.write(plain);
			}
			String bomb = """
					<?xml version="1.0" encoding="UTF-8"?>
					<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
					<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
					<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
					<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
					<si><t>id</t></si><si><t>&d;</t></si></sst>""";
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(plain.toByteArray()));
					ZipOutputStream zip = new ZipOutputStream(out)) {
				for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
					zip.putNextEntry(new ZipEntry(entry.getName()));
					zip.write(entry.getName().equals("xl/sharedStrings.xml") ? bomb.getBytes(StandardCharsets.UTF_8)
							: in.readAllBytes());
					zip.closeEntry();
				}
			}
			return out.toByteArray();
		}

	}

}
