package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.assertj.core.api.SoftAssertions;

import dev.glmbatch.cli.ExitCode;
import dev.glmbatch.cli.GlmBatchCommand;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.Runs;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.JobYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The input file is never written, not even when it is refused: every hostile file of
 * {@link HostileFiles} keeps its bytes, size, modification time and permissions through
 * {@code validate} and through a run (which refuses it before any call). The files are
 * made read-only first, as a user's files often are; the tests run as any user, root
 * included, who could write them anyway.
 */
class RefusedInputsStayUntouchedTests extends AbstractApplicationTests {

	/**
	 * One application for all the cases (starting one per case would take minutes); each
	 * case its own folder.
	 */
	@Test
	void refusedFilesKeepTheirBytesSizeTimeAndPermissionsThroughValidateAndRun() throws Exception {
		Runs runs = application.runs(dir);
		SoftAssertions softly = new SoftAssertions();
		for (HostileFiles.Case hostile : HostileFiles.all()) {
			Path folder = Files.createDirectories(dir.resolve("case-" + hostile.name().replace(' ', '-')));
			Path input = readOnly(hostile.make(folder));
			Path job = JobYaml.write(folder, JobYaml.minimalReading(input.toString())
				.replace("  path: " + input, "  path: " + input + "\n  format: xlsx"));
			Fingerprint before = Fingerprint.of(input);

			softly.assertThat(GlmBatchCommand.execute("validate", job.toString()))
				.as(hostile.name())
				.isEqualTo(ExitCode.USAGE);
			softly.assertThat(Fingerprint.of(input)).as("%s after validate", hostile.name()).isEqualTo(before);

			JobDefinition definition = JobDefinitionLoader.load(job);
			softly
				.assertThatThrownBy(
						() -> application.operator(dir).start(definition, RunOptions.RESUME_OR_START).await())
				.as(hostile.name())
				.isInstanceOf(InputFormatException.class);
			softly.assertThat(Fingerprint.of(input)).as("%s after run", hostile.name()).isEqualTo(before);
		}
		softly.assertThat(simulator.stats().requests()).as("calls made").isZero();
		softly.assertAll();
	}

	@Test
	void strictWorkbookRefusedForWriteBackIsNotWritten() throws Exception {
		Path input = readOnly(HostileFiles.strict(dir));
		Path job = JobYaml.write(dir.resolve("job"), JobYaml.minimalReading(input.toString())
			.replace("path: out.csv", "path: out.xlsx\n  into-workbook: true"));
		Fingerprint before = Fingerprint.of(input);

		assertThat(GlmBatchCommand.execute("validate", job.toString())).isEqualTo(ExitCode.USAGE);
		assertThatThrownBy(() -> application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await()).isInstanceOf(InputFormatException.class).hasMessageContaining("Strict Open XML");

		assertThat(Fingerprint.of(input)).isEqualTo(before);
	}

	@Test
	void workbookReadToTheEndIsNotWrittenEither() throws Exception {
		Path input = readOnly(HostileFiles.plain(dir));
		Path job = JobYaml.write(dir.resolve("job"), JobYaml.minimalReading(input.toString()));
		Fingerprint before = Fingerprint.of(input);

		assertThat(application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await()
			.status()).isEqualTo(dev.glmbatch.run.RunStatus.COMPLETED);

		assertThat(Fingerprint.of(input)).isEqualTo(before);
	}

	private static Path readOnly(Path file) throws IOException {
		// an old time, so that a rewrite within the same second still shows
		Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
		return file;
	}

	/** What a write would change. */
	private record Fingerprint(String sha256, long size, FileTime modified, Set<PosixFilePermission> permissions) {

		static Fingerprint of(Path file) throws Exception {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			return new Fingerprint(HexFormat.of().formatHex(digest.digest()), Files.size(file),
					Files.getLastModifiedTime(file), Files.getPosixFilePermissions(file));
		}

	}

}
