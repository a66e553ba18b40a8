package dev.glmbatch.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.InputRows;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.task.DocumentCheck;

/**
 * What {@code validate} finds row by row, reading the input as a run will: the rows a run
 * would reject without a call (a row with more or fewer fields than the header, an error
 * cell, a cell too long, ...) and, for a {@code summarise} job over documents, the rows
 * whose document is missing, unsupported, outside the base folder or unreadable within
 * the job's limits (each document is read as a run reads it). A run does not make this
 * pass: it rejects such rows as it meets them, at no cost.
 *
 * @param rows the data rows read
 * @param unreadable the rows the reader rejects
 * @param firstUnreadable the first few of them, each {@code line N: reason}
 * @param documents the rows naming a document, for a summarise job over documents; 0
 * otherwise
 * @param badDocuments the rows whose document a run would refuse
 * @param firstBadDocuments the first few of them, each {@code line N: reason}
 */
public record RowCheck(long rows, long unreadable, List<String> firstUnreadable, long documents, long badDocuments,
		List<String> firstBadDocuments) {

	/** How many rows of each kind are named; the counts cover all. */
	static final int LISTED = 3;

	public RowCheck {
		firstUnreadable = List.copyOf(firstUnreadable);
		firstBadDocuments = List.copyOf(firstBadDocuments);
	}

	/**
	 * Reads every row of the inspected input.
	 * @throws dev.glmbatch.input.InputFormatException when the file turns out unreadable
	 * after all
	 */
	public static RowCheck of(JobDefinition definition, InputInspection inspection) {
		SummariseSpec summarise = (definition.task() instanceof SummariseSpec spec && spec.documents() != null) ? spec
				: null;
		DocumentCheck documentCheck = (summarise != null && summarise.documents() != null)
				? new DocumentCheck(summarise.documents()) : null;
		long rows = 0;
		long unreadable = 0;
		long documents = 0;
		long badDocuments = 0;
		List<String> firstUnreadable = new ArrayList<>();
		List<String> firstBadDocuments = new ArrayList<>();
		try (InputRows input = InputRows.open(definition.input(), inspection)) {
			for (SourceRow row : input) {
				rows++;
				if (!row.isValid()) {
					unreadable++;
					if (firstUnreadable.size() < LISTED) {
						String error = String.valueOf(row.error());
						firstUnreadable.add(error.startsWith("line ") ? error : "line " + row.line() + ": " + error);
					}
					continue;
				}
				if (documentCheck != null && summarise != null) {
					String written = row.value(summarise.column());
					documents++;
					Optional<String> problem = documentCheck.problemWith(written);
					if (problem.isPresent()) {
						badDocuments++;
						if (firstBadDocuments.size() < LISTED) {
							// a folder's row is its file, which the reason names
							firstBadDocuments.add(definition.input().isFolder() ? problem.get()
									: "line " + row.line() + ": " + problem.get());
						}
					}
				}
			}
		}
		return new RowCheck(rows, unreadable, firstUnreadable, documents, badDocuments, firstBadDocuments);
	}

}
