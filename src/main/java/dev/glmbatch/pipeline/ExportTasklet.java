package dev.glmbatch.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.glmbatch.input.excel.WorkbookSniffer;
import dev.glmbatch.jobdef.FormulaPolicy;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.output.ExactNumber;
import dev.glmbatch.output.StatusColumns;
import dev.glmbatch.output.TableWriter;
import dev.glmbatch.output.csv.CsvTableWriter;
import dev.glmbatch.output.excel.WorkbookWriteBack;
import dev.glmbatch.output.excel.XlsxTableWriter;
import dev.glmbatch.output.jsonl.JsonlWriter;
import dev.glmbatch.output.markdown.MarkdownSummaries;
import dev.glmbatch.output.reject.RejectFile;
import dev.glmbatch.pipeline.ResultStaging.StagedRow;
import dev.glmbatch.task.ExtractTask;
import dev.glmbatch.task.RowStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the output and reject files from the staging table, in row order. Each file
 * is written beside its target and renamed into place, so a crash during export leaves no
 * partial file, and running the export again gives the same files.
 * <p>
 * Every format holds every input row, in row order, so that the output reconciles with
 * the input. CSV and a new XLSX workbook hold the input columns, the results and the
 * {@link StatusColumns status and reject reason}; a rejected row has empty results (the
 * workbook also lists failed rows on its {@code failures} sheet). XLSX written back into
 * the input workbook puts the results, status and reason beside the source columns. JSONL
 * holds every row with its status, thinking and tokens, its
 * {@link JobAssembler#jsonColumns JSON columns} with their JSON types. In a new XLSX
 * workbook, an input column whose every value is an {@link ExactNumber exact number} and
 * the JSON columns that hold numbers are numeric cells. The outputs of an extraction keep
 * their JSON types in JSONL, beside the whole extracted object as {@code raw}. The reject
 * CSV is written in every case, and, when the job asks for them, a Markdown file per
 * summarised document.
 */
final class ExportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

	private final ResultStaging staging;

	private final List<String> inputColumns;

	private final List<String> outputColumns;

	private final Set<String> jsonColumns;

	private final StatusColumns statusColumns;

	private final Path outputPath;

	private final @Nullable Path rejectPath;

	private final InputSpec input;

	private final OutputSpec output;

	private final @Nullable MarkdownSummaries documents;

	/**
	 * @param rejectPath where the reject file goes, or {@code null} for none (an export
	 * of a finished run writes its output alone)
	 * @param documents where the summary of each document goes as Markdown, or
	 * {@code null} for nowhere
	 */
	ExportTasklet(ResultStaging staging, List<String> inputColumns, List<String> outputColumns, Set<String> jsonColumns,
			Path outputPath, @Nullable Path rejectPath, InputSpec input, OutputSpec output,
			@Nullable MarkdownSummaries documents) {
		this.staging = staging;
		this.inputColumns = List.copyOf(inputColumns);
		this.outputColumns = List.copyOf(outputColumns);
		this.jsonColumns = Set.copyOf(jsonColumns);
		List<String> taken = new ArrayList<>(inputColumns);
		taken.addAll(outputColumns);
		this.statusColumns = StatusColumns.avoiding(taken);
		this.outputPath = outputPath;
		this.rejectPath = rejectPath;
		this.input = input;
		this.output = output;
		this.documents = documents;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long instanceId = contribution.getStepExecution().getJobExecution().getJobInstance().getInstanceId();
		ExportedRows exported = write(instanceId);
		contribution.incrementWriteCount(exported.done() + exported.rejected());
		log.info("Exported {} rows to {} and {} rejects to {}", exported.done(), outputPath, exported.rejected(),
				rejectPath);
		return RepeatStatus.FINISHED;
	}

	/**
	 * Writes the files from the run's staged rows, each atomically.
	 * @return the rows written, done and rejected
	 */
	ExportedRows write(long instanceId) {
		long[] counts = new long[2];
		// the reject file holds the input values and reasons that quote answers: it is
		// opened in a spreadsheet too
		boolean guard = output.formulaPolicy() == FormulaPolicy.QUOTE;
		try (RowSink sink = openSink(instanceId); @Nullable
		TableWriter rejects = (rejectPath != null)
				? CsvTableWriter.open(rejectPath, RejectFile.header(inputColumns), guard, output.bom()) : null) {
			staging.forEachRow(instanceId, row -> {
				sink.accept(row);
				if (row.status() == RowStatus.DONE) {
					if (documents != null) {
						documents.write(row.input(), row.outputs());
					}
					counts[0]++;
				}
				else {
					if (rejects != null) {
						rejects.writeRow(RejectFile.record(row.rowNumber(), row.line(), row.reason(), inputColumns,
								row.input()));
					}
					counts[1]++;
				}
			});
			sink.publish();
			if (rejects != null) {
				rejects.publish();
			}
		}
		return new ExportedRows(counts[0], counts[1]);
	}

	private RowSink openSink(long instanceId) {
		boolean guard = output.formulaPolicy() == FormulaPolicy.QUOTE;
		List<String> header = new ArrayList<>(inputColumns);
		header.addAll(outputColumns);
		header.addAll(statusColumns.names());
		return switch (output.format()) {
			case CSV -> tableSink(CsvTableWriter.open(outputPath, header, guard, output.bom()));
			case JSONL -> jsonlSink(JsonlWriter.open(outputPath));
			case XLSX -> {
				if (writesBack(input, output)) {
					List<String> added = new ArrayList<>(outputColumns);
					added.addAll(statusColumns.names());
					yield writeBackSink(WorkbookWriteBack.open(input.path(), input.sheet(), input.headerRow(), added,
							outputPath, guard));
				}
				if (output.intoWorkbook()) {
					log.warn("{} is not an .xlsx or .xlsm workbook, so the results go to a new workbook instead of a"
							+ " copy of it", input.path());
				}
				yield xlsxSink(XlsxTableWriter.open(outputPath, header, guard, numericColumns(instanceId)));
			}
		};
	}

	/**
	 * Whether the results go into a copy of the input workbook: asked for, and the input
	 * is an Office Open XML workbook (a legacy {@code .xls} given with {@code --input}
	 * gets a new workbook instead).
	 */
	static boolean writesBack(InputSpec input, OutputSpec output) {
		return output.intoWorkbook() && WorkbookSniffer.sniff(input.path()) == InputFormat.XLSX;
	}

	private RowSink tableSink(TableWriter writer) {
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				writer.writeRow(tableValues(row));
			}
		};
	}

	private RowSink xlsxSink(XlsxTableWriter writer) {
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				writer.writeRow(tableValues(row));
				if (row.status() != RowStatus.DONE) {
					writer.writeFailure(row.rowNumber(), row.line(), reason(row), row.calls());
				}
			}
		};
	}

	private RowSink writeBackSink(WorkbookWriteBack writer) {
		boolean[] numbers = new boolean[outputColumns.size()];
		for (int i = 0; i < outputColumns.size(); i++) {
			numbers[i] = jsonColumns.contains(outputColumns.get(i));
		}
		return new RowSink(writer::publish, writer::close) {
			@Override
			void accept(StagedRow row) {
				List<String> values = new ArrayList<>(outputColumns.size() + 2);
				addResults(row, values);
				writer.writeResults(row.line(), values, numbers);
				if (row.status() != RowStatus.DONE) {
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
				String id = (idColumn != null) ? row.input().getOrDefault(idColumn, "")
						: Long.toString(row.rowNumber());
				String raw = row.outputs().get(ExtractTask.RAW_OUTPUT);
				if (raw != null) {
					JsonNode object = json.readTree(raw);
					Map<String, @Nullable Object> typed = new LinkedHashMap<>();
					outputColumns.forEach(column -> typed.put(column, object.get(column)));
					writer.write(JsonlLine.of(row, id, typed, object));
				}
				else {
					writer.write(JsonlLine.of(row, id, typedOutputs(row), null));
				}
			}
		};
	}

	private List<String> tableValues(StagedRow row) {
		List<String> values = new ArrayList<>(inputColumns.size() + outputColumns.size() + 2);
		inputColumns.forEach(column -> values.add(row.input().getOrDefault(column, "")));
		addResults(row, values);
		return values;
	}

	/**
	 * The results (empty for a rejected row, whose partial results are not results), the
	 * status and the reason.
	 */
	private void addResults(StagedRow row, List<String> values) {
		boolean done = row.status() == RowStatus.DONE;
		outputColumns.forEach(column -> values.add(done ? row.outputs().getOrDefault(column, "") : ""));
		values.add(done ? StatusColumns.DONE : StatusColumns.REJECTED);
		values.add(done ? "" : reason(row));
	}

	/**
	 * The outputs with the JSON columns as JSON values ({@code null} when empty); text
	 * stays text.
	 */
	private Map<String, @Nullable Object> typedOutputs(StagedRow row) {
		Map<String, @Nullable Object> typed = new LinkedHashMap<>();
		row.outputs().forEach((column, value) -> {
			if (!jsonColumns.contains(column)) {
				typed.put(column, value);
			}
			else if (value.isEmpty()) {
				typed.put(column, null);
			}
			else {
				try {
					typed.put(column, json.readTree(value));
				}
				catch (JacksonException ex) {
					// a value staged by an older version, from before the column was
					// typed
					typed.put(column, value);
				}
			}
		});
		return typed;
	}

	/**
	 * By column of a new workbook, whether it is numeric: an input column whose every
	 * non-empty value (rejected rows included) is an exact number, and there is at least
	 * one; a JSON output column whose every non-empty value of a done row is a JSON
	 * number. Another pass over the staged rows, made only for XLSX.
	 */
	private boolean[] numericColumns(long instanceId) {
		int width = inputColumns.size() + outputColumns.size();
		boolean[] numeric = new boolean[width];
		boolean[] seen = new boolean[width];
		boolean[] possible = new boolean[width];
		for (int i = 0; i < width; i++) {
			possible[i] = i < inputColumns.size() || jsonColumns.contains(outputColumns.get(i - inputColumns.size()));
		}
		staging.forEachRow(instanceId, row -> {
			for (int i = 0; i < width; i++) {
				if (!possible[i]) {
					continue;
				}
				boolean input = i < inputColumns.size();
				if (!input && row.status() != RowStatus.DONE) {
					continue;
				}
				String value = input ? row.input().getOrDefault(inputColumns.get(i), "")
						: row.outputs().getOrDefault(outputColumns.get(i - inputColumns.size()), "");
				if (value.isEmpty()) {
					continue;
				}
				seen[i] = true;
				possible[i] = input ? ExactNumber.test(value) : JSON_NUMBER.matcher(value).matches();
			}
		});
		for (int i = 0; i < width; i++) {
			numeric[i] = possible[i] && seen[i];
		}
		return numeric;
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
