package dev.glmbatch.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.Runs;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up that the tests of whole runs share: the application wired to the GLM
 * simulator, with its files (and its H2 state database, where the test uses H2) in
 * {@link #dir}, a new folder for each test.
 *
 * <p>
 * The simulator is one static field for every subclass, started before the tests of a
 * class and stopped after them: the test classes run one after another. A class that
 * needs a simulator with other options, or application properties, declares its own.
 */
public abstract class AbstractApplicationTests {

	@RegisterExtension
	protected static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@RegisterExtension
	protected final BatchApplication application = new BatchApplication(simulator);

	@TempDir
	protected Path dir;

	/** The runs of this test's application, on its state database. */
	protected Runs runs() {
		return application.runs(dir, database());
	}

	/** The operator that starts this test's runs, on its state database. */
	protected RunOperator operator() {
		return application.operator(dir, database());
	}

	/**
	 * Runs the job of {@code jobFile} to its end: starts it, or resumes the run it left
	 * unfinished, and waits until that run ends.
	 */
	protected RunOutcome run(Path jobFile) {
		return operator().start(JobDefinitionLoader.load(jobFile), RunOptions.RESUME_OR_START).await();
	}

	/**
	 * Writes {@code input/NAME.csv} under {@link #dir}, a header line and then a line per
	 * row, and makes the folder of job files.
	 * @return where the job file of that input goes: {@code jobs/NAME.yaml}, which reads
	 * it as {@code ../input/NAME.csv}
	 */
	protected Path csvInputOfJob(String name, String header, List<String> rows) throws IOException {
		Files.createDirectories(dir.resolve("input"));
		Files.createDirectories(dir.resolve("jobs"));
		Files.writeString(dir.resolve("input/" + name + ".csv"), header + "\n" + String.join("\n", rows) + "\n",
				StandardCharsets.UTF_8);
		return dir.resolve("jobs/" + name + ".yaml");
	}

	/**
	 * Writes {@code NAME.yaml} under {@link #dir}: a job translating the column
	 * {@code name} of {@code input} into French, in chunks of 5 with two calls at a time,
	 * its results in {@code output}; both paths are read from {@link #dir}.
	 * @param inputOptions lines added under {@code input:}, each indented by two spaces
	 * @param outputOptions lines added under {@code output:}, likewise
	 * @return the job file
	 */
	protected Path translateJob(String name, String input, String inputOptions, String output, String outputOptions)
			throws IOException {
		return Files.writeString(dir.resolve(name + ".yaml"), """
				name: %s
				input:
				  path: %s
				%stask:
				  type: translate
				  columns: [name]
				  to: [fr]
				chunk-size: 5
				concurrency: 2
				output:
				  path: %s
				%s""".formatted(name, input, inputOptions, output, outputOptions), StandardCharsets.UTF_8);
	}

	/**
	 * The state database of this test's application: {@link TestDatabases#H2} unless a
	 * subclass picks another.
	 */
	protected String database() {
		return TestDatabases.H2;
	}

}
