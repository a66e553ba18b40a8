package dev.glmbatch.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.output.PartialFile;
import dev.glmbatch.pipeline.ExportedRows;
import dev.glmbatch.pipeline.JobAssembler;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Writes the committed results of a finished run again, in any format, from the staging
 * table and without any call: the results are paid for once, and another format or
 * another file is only another export. A run that has completed gives the whole output; a
 * stopped or failed one the rows it committed.
 * <p>
 * The export uses the job file the run started with, for its columns, its formula guard
 * and whether it writes into a copy of the input workbook; that copy needs the input
 * workbook as the run read it. Every file is written beside its target and renamed into
 * place, as a run's outputs are.
 */
@Component
public class RunExports {

	private final JobRepository jobRepository;

	private final JobAssembler assembler;

	private final StateDatabase stateDatabase;

	public RunExports(JobRepository jobRepository, JobAssembler assembler, StateDatabase stateDatabase) {
		this.jobRepository = jobRepository;
		this.assembler = assembler;
		this.stateDatabase = stateDatabase;
	}

	/**
	 * Writes a run's committed results to a file.
	 * @param output the file, or {@code null} for the run's output path (with the
	 * extension of {@code format}, when that names another format)
	 * @param format the format, or {@code null} for the one the file's extension names
	 * (the run's own format when no file is given either)
	 * @throws RunRefusedException saying what to do: no such run, a run still running or
	 * with nothing committed, a format that cannot be told, a file that cannot be written
	 */
	public Export export(long runId, @Nullable Path output, @Nullable OutputFormat format) {
		JobExecution last = finishedRun(runId);
		JobParameters params = last.getJobParameters();
		Path runOutput = Path.of(params.getString(RunParameters.OUTPUT));
		OutputFormat chosen = (format != null) ? format
				: (output != null) ? OutputFormat.ofPath(output.toString()) : formatOf(runOutput);
		if (chosen == null) {
			throw new RunRefusedException("Cannot tell the format to write from "
					+ OutputFormat.describeExtensionOf(Objects.requireNonNull(output).toString()) + " of " + output
					+ ". Name a file ending in " + OutputFormat.describeExtensions()
					+ ", or give the format with --format csv|xlsx|jsonl.");
		}
		Path target = (output != null) ? output.toAbsolutePath().normalize() : withExtensionOf(runOutput, chosen);
		return write(last, definitionOf(params), target, chosen);
	}

	/**
	 * Writes the results of a completed run to another file, in the format the job's
	 * output spec names for it: what {@code run JOB --output OTHER} does for an input
	 * that was processed already.
	 */
	Export exportTo(JobExecution completed, JobDefinition definition, Path target) {
		OutputFormat format = definition.output().formatFor(target);
		if (format == null) {
			throw new RunRefusedException(
					"Cannot tell the format to write from " + OutputFormat.describeExtensionOf(target.toString())
							+ " of " + target + ". Name a file ending in " + OutputFormat.describeExtensions() + ".");
		}
		return write(completed, definition, target, format);
	}

	private Export write(JobExecution last, JobDefinition definition, Path target, OutputFormat format) {
		long runId = last.getJobInstance().getInstanceId();
		JobParameters params = last.getJobParameters();
		Path input = Path.of(params.getString(RunParameters.INPUT));
		if (target.equals(input.toAbsolutePath().normalize())) {
			throw new RunRefusedException("Will not write the results of run " + runId + " over its input file " + input
					+ ". Give another file with --output FILE.");
		}
		OutputSpec spec = definition.output();
		OutputSpec written = new OutputSpec(target.toString(), format, spec.rejectPath(), spec.formulaPolicy(),
				spec.intoWorkbook() && format == OutputFormat.XLSX, true, spec.bom());
		if (JobAssembler.writesBack(definition, written)) {
			String then = params.getString(RunParameters.CHECKSUM);
			if (!FileChecksums.sha256(input).filter(sha -> sha.equals(then)).isPresent()) {
				throw new RunRefusedException("Run " + runId + " writes its results into a copy of " + input
						+ ", which is missing or has changed since the run read it. Restore that workbook, or"
						+ " export to a new file in another format (--format csv or jsonl).");
			}
		}
		try {
			PartialFile.requireWritable(target);
		}
		catch (IOException ex) {
			String reason = PartialFile.reason(ex);
			throw new RunRefusedException("Cannot write " + target + " (" + reason
					+ "). Make its folder writable or free space, or give another file with --output FILE.");
		}
		List<String> inputColumns = assembler.staging().inputColumns(runId);
		ExportedRows rows = assembler.export(definition, runId, inputColumns, written, target);
		return new Export(runId, target, format, rows);
	}

	/**
	 * The last execution of a run that is not running and has committed rows.
	 */
	private JobExecution finishedRun(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		JobExecution last = (instance != null) ? jobRepository.getLastJobExecution(instance) : null;
		if (last == null) {
			throw new RunRefusedException("There is no run " + runId + " in the state database "
					+ stateDatabase.describe() + "; list the runs with: list");
		}
		RunStatus status = RunStatus.of(last.getStatus());
		if (status.isRunning()) {
			throw new RunRefusedException("Run " + runId + " is " + status + ": export it once it has completed or"
					+ " stopped (stop " + runId + "). If the process that ran it has died, resume it first (restart "
					+ runId + ").");
		}
		if (assembler.staging().countRows(runId) == 0) {
			throw new RunRefusedException("Run " + runId + " (" + status + ") has no committed rows yet: there is"
					+ " nothing to export. Resume it (restart " + runId + ") to process its rows.");
		}
		return last;
	}

	/** The job the run started with, reading the input it read. */
	private static JobDefinition definitionOf(JobParameters params) {
		JobDefinition definition = JobDefinitionLoader.load(Path.of(params.getString(RunParameters.JOB_FILE)));
		return definition.withInput(definition.input().withPath(Path.of(params.getString(RunParameters.INPUT))));
	}

	private static OutputFormat formatOf(Path runOutput) {
		OutputFormat format = OutputFormat.ofPath(runOutput.toString());
		return (format != null) ? format : OutputFormat.CSV;
	}

	/**
	 * The run's output path, with the extension of {@code format} when its own names
	 * another format.
	 */
	public static Path withExtensionOf(Path runOutput, OutputFormat format) {
		if (format == OutputFormat.ofPath(runOutput.toString())) {
			return runOutput;
		}
		String name = String.valueOf(runOutput.getFileName());
		int dot = name.lastIndexOf('.');
		return runOutput.resolveSibling(((dot > 0) ? name.substring(0, dot) : name) + "." + format.extensions().get(0));
	}

	/**
	 * An export written.
	 *
	 * @param runId the run whose results were written
	 * @param file the file written
	 * @param format its format
	 * @param rows the rows written, done and rejected
	 */
	public record Export(long runId, Path file, OutputFormat format, ExportedRows rows) {

		public Export {
			Objects.requireNonNull(file, "file");
			Objects.requireNonNull(format, "format");
			Objects.requireNonNull(rows, "rows");
		}

		/** The rows written. */
		public long rowCount() {
			return rows.rows();
		}

		/** The rows written as done. */
		public long done() {
			return rows.done();
		}

		/** The rows written as rejected. */
		public long rejected() {
			return rows.rejected();
		}

		/** The format's name as the command line takes it: {@code csv}, {@code xlsx}. */
		public String formatName() {
			return format.name().toLowerCase(Locale.ROOT);
		}

	}

}
