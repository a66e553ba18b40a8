package dev.glmbatch.run;

import java.time.LocalDate;
import java.util.List;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.ColumnCheck;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.pipeline.JobAssembler;

/**
 * Checks a job without running it or calling GLM: the job file, the input file (strict
 * decoding, header, row count), the columns the task needs, and that the output can be
 * written. Every run starts with this check, so whatever it refuses costs nothing.
 *
 * @param definition the loaded job
 * @param inspection what the input holds
 * @param outputColumns the columns the job adds: the task's, then (CSV, XLSX) the row
 * status and reject reason
 * @param callsPerRow first GLM calls for a row whose source columns are all non-empty:
 * one per source column and language for translate, one for the other tasks (a long text
 * to summarise adds calls for its sections)
 */
public record JobCheck(JobDefinition definition, InputInspection inspection, List<String> outputColumns,
		int callsPerRow) {

	/**
	 * @throws dev.glmbatch.input.InputFormatException when the input cannot be read, or
	 * the output cannot be written from it
	 * @throws dev.glmbatch.jobdef.JobDefinitionException when the input lacks a column
	 * the job names, or has one the job would add
	 */
	public static JobCheck of(JobDefinition definition) {
		InputInspection inspection = InputFiles.inspect(definition.input());
		ColumnCheck.requireColumns(definition, inspection.header(), definition.input().path());
		JobAssembler.requireWritableOutput(definition);
		List<String> taskColumns = JobAssembler.outputColumns(definition);
		List<String> outputColumns = JobAssembler.addedColumns(definition, inspection.header());
		ColumnCheck.requireNewOutputColumns(definition, inspection.header(), outputColumns, definition.input().path());
		int callsPerRow = (definition.task() instanceof TranslateSpec) ? taskColumns.size() : 1;
		return new JobCheck(definition, inspection, outputColumns, callsPerRow);
	}

	public String outputPath() {
		return definition.output().resolvePath(definition.name(), LocalDate.now()).toString();
	}

	public String rejectPath() {
		return definition.output().resolveRejectPath(definition.name(), LocalDate.now()).toString();
	}

}
