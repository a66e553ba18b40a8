/**
 * Reading Excel workbooks: {@code .xlsx}/{@code .xlsm} in streaming mode, legacy
 * {@code .xls} in memory (that format stops at 65,536 rows). Strict Open XML workbooks
 * are converted to the transitional form while they are streamed, dates stored as ISO
 * 8601 text included; macros are never run.
 * <p>
 * Policies, in short (the README's "Excel and JSONL" section has the full list):
 * <ul>
 * <li>sheet: the one named in the job ({@code sheet: Name} or {@code sheet: "#2"}), else
 * the first visible one; a missing name lists the sheets that exist; hidden rows are read
 * like the others and counted in the log;</li>
 * <li>values as text: text cells unchanged (leading zeros kept); dates as ISO 8601
 * ({@code 2024-03-01}, {@code 2024-03-01T13:45:00}, {@code 13:45:00}) in the workbook's
 * own date system (1900 or 1904); numbers in the General format in full without
 * floating-point artefacts ({@code 0.1}, {@code 12345678901234}); numbers with an
 * explicit format as Excel shows them; booleans as {@code TRUE}/{@code FALSE}; formulas
 * give their cached value and are never evaluated (a formula saved without one, as
 * openpyxl writes them, reads as empty);</li>
 * <li>an error cell ({@code #N/A}, {@code #REF!}, ...) or a cell longer than the limit
 * rejects its row, naming the cell; a merged region's value is in its top-left cell and
 * the other cells read as empty;</li>
 * <li>rows with no value in the header's columns are not data rows (they are not counted
 * and cost nothing);</li>
 * <li>hostile or unsupported files (zip bombs, XML entity declarations, password
 * protection, {@code .xlsb}, {@code .ods}, Excel 95, damaged packages) raise
 * {@code InputFormatException} before any row is processed.</li>
 * </ul>
 */
@NullMarked
package dev.glmbatch.input.excel;

import org.jspecify.annotations.NullMarked;
