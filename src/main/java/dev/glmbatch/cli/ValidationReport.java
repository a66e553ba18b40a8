package dev.glmbatch.cli;

import java.io.PrintStream;

import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.run.JobCheck;
import dev.glmbatch.run.RowCheck;

/**
 * Prints what {@code validate} found: the input as read, the output and the calls a run
 * would make at most.
 */
final class ValidationReport {

	private ValidationReport() {
	}

	static void print(JobCheck check, PrintStream out) {
		out.printf("Job %s is valid.%n", check.definition().name());
		out.printf("  job file: %s%n", check.definition().file());
		out.printf("  input:    %s%n", describeInput(check));
		out.printf("  output:   %s (adds %s)%n", check.outputPath(), String.join(", ", check.outputColumns()));
		out.printf("  rejects:  %s%n", check.rejectPath());
		out.printf(
				"  model:    %s, thinking %s; up to %d first GLM calls (%d per row); repairs, escalations and the"
						+ " sections of long texts come on top: see estimate%n",
				check.definition().model(), check.definition().thinking().name().toLowerCase(),
				check.inspection().dataRows() * check.callsPerRow(), check.callsPerRow());
	}

	/**
	 * The rows a run would reject without a call, counted and the first few named;
	 * nothing when there are none. For a summarise job over documents, how many rows name
	 * one and the documents a run would refuse.
	 */
	static void printRows(RowCheck rows, PrintStream out) {
		if (rows.unreadable() > 0) {
			out.printf("  rows:     %d of %d cannot be read and will be rejected without a call; %s%s%n",
					rows.unreadable(), rows.rows(), String.join("; ", rows.firstUnreadable()),
					more(rows.unreadable(), rows.firstUnreadable().size()));
		}
		if (rows.documents() > 0 || rows.badDocuments() > 0) {
			if (rows.badDocuments() == 0) {
				out.printf("  documents: %d named, all readable inside the base folder%n", rows.documents());
			}
			else {
				out.printf("  documents: %d named, %d will be rejected without a call; %s%s%n", rows.documents(),
						rows.badDocuments(), String.join("; ", rows.firstBadDocuments()),
						more(rows.badDocuments(), rows.firstBadDocuments().size()));
			}
		}
	}

	private static String more(long count, int listed) {
		return (count > listed) ? "; and " + (count - listed) + " more (see the reject file after a run)" : "";
	}

	/**
	 * The file and how it is read: for a workbook the sheet, header row and first data
	 * row; for CSV the encoding and the delimiter; for a folder the patterns and the
	 * files' total size. Then the data rows and columns found.
	 */
	static String describeInput(JobCheck check) {
		InputInspection inspection = check.inspection();
		InputSpec spec = check.definition().input();
		if (spec.folder() != null) {
			return "%s (files matching %s; %d files, %d bytes; columns: %s)".formatted(inspection.file(),
					spec.folder().describe(), inspection.dataRows(), inspection.sizeBytes(),
					String.join(", ", inspection.header()));
		}
		String layout = inspection.isWorkbook()
				? "sheet '%s', header on row %d, data from row %d".formatted(inspection.sheet(), spec.headerRow(),
						spec.firstDataRow())
				: "encoding %s, delimiter '%s'".formatted(spec.encoding().name(), printable(inspection.delimiter()));
		return "%s (%s; %d data rows; columns: %s)".formatted(inspection.file(), layout, inspection.dataRows(),
				String.join(", ", inspection.header()));
	}

	private static String printable(char delimiter) {
		return (delimiter == '\t') ? "\\t" : String.valueOf(delimiter);
	}

}
