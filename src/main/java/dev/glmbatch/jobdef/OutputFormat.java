package dev.glmbatch.jobdef;

/** Formats a job can write. */
public enum OutputFormat {

	CSV,

	/** An Excel workbook, written in streaming mode. */
	XLSX,

	/** JSON Lines: one JSON object per row, UTF-8 without BOM. */
	JSONL

}
