package dev.glmbatch.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.input.excel.WorkbookSniffer;
import dev.glmbatch.jobdef.FormulaPolicy;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.output.TableWriter;
import dev.glmbatch.output.csv.CsvTableWriter;
import dev.glmbatch.output.excel.WorkbookWriteBack;
import dev.glmbatch.output.excel.XlsxTableWriter;
import dev.glmbatch.output.jsonl.JsonlWriter;
import dev.glmbatch.output.reject.RejectFile;
import dev.glmbatch.pipeline.ResultStaging.StagedRow;
import dev.glmbatch.task.ExtractTask;
import dev.glmbatch.task.RowStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the output and reject files from the staging table, in row order. Each file is written beside its target
 * and renamed into place, so a crash during export leaves no partial file, and running the export again gives the
 * same files.
 * <p>
 * By output format: CSV and a new XLSX workbook hold the rows that are done (the workbook also lists failed rows on
 * its {@code failures} sheet); XLSX written back into the input workbook puts the results beside the source columns;
 * JSONL holds every row with its status, thinking and tokens; the outputs of an extraction keep their JSON types
 * there, beside the whole extracted object as {@code raw}. The reject CSV is written in every case.
 */
final class ExportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ResultStaging staging;

	private final List<String> inputColumns;

	private final List<String> outputColumns;

	private final Path outputPath;

	private final Path rejectPath;

	private final InputSpec input;

	private final OutputSpec output;

	ExportTasklet(ResultStaging staging, List<String> inputColumns, List<String> outputColumns, Path outputPath,
			Path rejectPath, InputSpec input, OutputSpec output) {
		this.staging = staging;
		this.inputColumns = List.copyOf(inputColumns);
		this.outputColumns = List.copyOf(outputColumns);
		this.outputPath = outputPath;
		this.rejectPath = rejectPath;
		this.input = input;
		this.output = output;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long instanceId = contribution.getStepExecution().getJobExecution().getJobInstance().getInstanceId();
		long[] counts = new long[2];
		// the reject file holds the input values and reasons that quote answers: it is opened in a spreadsheet too
		boolean guard = output.formulaPolicy() == FormulaPolicy.QUOTE;
		try (RowSink sink = openSink();
				TableWriter rejects = CsvTableWriter.open(rejectPath, RejectFile.header(inputColumns), guard)) {
			staging.forEachRow(instanceId, row -> {
				sink.accept(row);
				if (row.status() == RowStatus.DONE) {
					counts[0]++;
				}
				else {
					rejects.writeRow(
							RejectFile.record(row.rowNumber(), row.line(), row.reason(), inputColumns, row.input()));
					counts[1]++;
				}
			});
			sink.publish();
			rejects.publish();
		}
		contribution.incrementWriteCount(counts[0] + counts[1]);
		log.info("Exported {} rows to {} and {} rejects to {}", counts[0], outputPath, counts[1], rejectPath);
		return RepeatStatus.FINISHED;
	}

	private RowSink openSink() {
		boolean guard = output.formulaPolicy() == FormulaPolicy.QUOTE;
		List<String> header = new ArrayList<>(inputColumns);
		header.addAll(outputColumns);
		return switch (output.format()) {
			case CSV -> tableSink(CsvTableWriter.open(outputPath, header, guard));
			case JSONL -> jsonlSink(JsonlWriter.open(outputPath));
			case XLSX -> {
				if (writesBack(input, output)) {
					yield writeBackSink(WorkbookWriteBack.open(input.path(), input.sheet(), input.headerRow(),
							outputColumns, outputPath, guard));
				}
				if (output.intoWorkbook()) {
					log.warn("{} is not an .xlsx or .xlsm workbook, so the results go to a new workbook instead of a"
							+ " copy of it", input.path());
				}
				yield xlsxSink(XlsxTableWriter.open(outputPath, header, guard));
			}
		};
	}

	/**
	 * Whether the results go into a copy of the input workbook: asked for, and the input is an Office Open XML
	 * workbook (a legacy {@code .xls} given with {@code --input} gets a new workbook instead).
	 */
	static boolean writesBack(InputSpec input, OutputSpec output) {
		return output.intoWorkbook() && WorkbookSniffer.sniff(input.path()) == InputFormat.XLSX;
	}

	private RowSink tableSink(TableWriter writer) {
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				if (row.status() == RowStatus.DONE) {
					writer.writeRow(tableValues(row));
				}
			}
		};
	}

	private RowSink xlsxSink(XlsxTableWriter writer) {
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				if (row.status() == RowStatus.DONE) {
					writer.writeRow(tableValues(row));
				}
				else {
					writer.writeFailure(row.rowNumber(), row.line(), reason(row), row.calls());
				}
			}
		};
	}

	private RowSink writeBackSink(WorkbookWriteBack writer) {
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				if (row.status() == RowStatus.DONE) {
					List<String> values = new ArrayList<>(outputColumns.size());
					outputColumns.forEach(column -> values.add(row.outputs().getOrDefault(column, "")));
					writer.writeResults(row.line(), values);
				}
				else {
					writer.writeFailure(row.rowNumber(), row.line(), reason(row), row.calls());
				}
			}
		};
	}

	private RowSink jsonlSink(JsonlWriter writer) {
		String idColumn = input.idColumn();
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("row", row.rowNumber());
				line.put("id", (idColumn != null) ? row.input().getOrDefault(idColumn, "")
						: Long.toString(row.rowNumber()));
				line.put("line", row.line());
				line.put("status", row.status().name());
				line.put("input", row.input());
				String raw = row.outputs().get(ExtractTask.RAW_OUTPUT);
				if (raw != null) {
					JsonNode object = json.readTree(raw);
					Map<String, Object> typed = new LinkedHashMap<>();
					outputColumns.forEach(column -> typed.put(column, object.get(column)));
					line.put("output", typed);
					line.put("raw", object);
				}
				else {
					line.put("output", row.outputs());
				}
				line.put("reason", row.reason());
				Map<String, Object> thinking = new LinkedHashMap<>();
				thinking.put("used", row.thinkingCalls() > 0);
				thinking.put("calls", row.thinkingCalls());
				thinking.put("escalations", row.escalations());
				line.put("calls", row.calls());
				line.put("thinking", thinking);
				Map<String, Object> tokens = new LinkedHashMap<>();
				tokens.put("prompt", row.promptTokens());
				tokens.put("completion", row.completionTokens());
				tokens.put("cached", row.cachedTokens());
				line.put("tokens", tokens);
				writer.write(line);
			}
		};
	}

	private List<String> tableValues(StagedRow row) {
		List<String> values = new ArrayList<>(inputColumns.size() + outputColumns.size());
		inputColumns.forEach(column -> values.add(row.input().getOrDefault(column, "")));
		outputColumns.forEach(column -> values.add(row.outputs().getOrDefault(column, "")));
		return values;
	}

	private static String reason(StagedRow row) {
		String reason = row.reason();
		return (reason != null) ? reason : row.status().name();
	}

	/** Where the staged rows go, whatever the format. */
	private abstract static class RowSink implements AutoCloseable {

		private final Runnable publish;

		private final Runnable close;

		RowSink(Runnable publish, Runnable close) {
			this.publish = publish;
			this.close = close;
		}

		abstract void accept(StagedRow row);

		final void publish() {
			publish.run();
		}

		@Override
		public final void close() {
			close.run();
		}

	}

}
