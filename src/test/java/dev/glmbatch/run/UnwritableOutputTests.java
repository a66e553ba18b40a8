package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import dev.glmbatch.cli.ExitCode;
import dev.glmbatch.cli.GlmBatchCommand;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.JobYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * An output that cannot be written is refused before any row is paid for, by
 * {@code validate} and by a run, naming the file and what to do; nothing is left in the
 * folder.
 */
class UnwritableOutputTests extends AbstractApplicationTests {

	@Test
	void outputUnderAFileInsteadOfAFolderIsRefusedBeforeAnyCall() throws IOException {
		Files.writeString(dir.resolve("results"), "a file where the output folder should be");
		Path job = job("results/out.csv");

		assertThat(GlmBatchCommand.execute("validate", job.toString())).isEqualTo(ExitCode.USAGE);
		assertThatThrownBy(() -> application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await()).isInstanceOf(JobDefinitionException.class)
			.hasMessageContaining("output.path")
			.hasMessageContaining("cannot write " + dir.resolve("results/out.csv"))
			.hasMessageContaining("is a file, not a folder")
			.hasMessageContaining("nothing was sent to GLM");

		assertThat(simulator.stats().requests()).isZero();
		assertThat(application.bean(Runs.class).list(10)).isEmpty();
	}

	@Test
	void readOnlyOutputFolderIsRefusedBeforeAnyCall() throws IOException {
		assumeThat(System.getProperty("user.name")).as("root can write a read-only folder").isNotEqualTo("root");
		Path folder = Files.createDirectories(dir.resolve("locked"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		Path job = job("locked/out.csv");

		assertThatThrownBy(() -> application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await()).isInstanceOf(JobDefinitionException.class).hasMessageContaining("permission denied");
		assertThat(simulator.stats().requests()).isZero();
	}

	@Test
	void writableOutputFolderIsLeftAsItWas() throws IOException {
		Path job = job("later/out.csv");

		JobDefinitionLoader.load(job);
		assertThat(GlmBatchCommand.execute("validate", job.toString())).isEqualTo(ExitCode.DONE);

		assertThat(dir.resolve("later")).doesNotExist();
		try (var files = Files.list(dir)) {
			assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("products.csv",
					"job.yaml");
		}
	}

	private Path job(String output) throws IOException {
		Files.writeString(dir.resolve("products.csv"), "sku,name\nP1,Lamp\n", StandardCharsets.UTF_8);
		return JobYaml.write(dir, JobYaml.MINIMAL.replace("path: out.csv", "path: " + output));
	}

}
