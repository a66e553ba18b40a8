/**
 * RFC 4180 CSV reading with strict decoding and restart by record position.
 * <p>
 * The dialect, the same for inspection and reading:
 * <ul>
 * <li>Fields may be quoted with {@code "}; a quote inside a quoted field is written
 * {@code ""}. Quoted fields keep delimiters and line breaks exactly (a CRLF inside quotes
 * stays CRLF). Text after a closing quote ({@code "abc"x}) is an error for the whole
 * file. A quote inside an unquoted field ({@code ab"c}) is kept literally.</li>
 * <li>Records end with CRLF, LF or CR, mixed freely; the last record needs no line
 * break.</li>
 * <li>There are no comments: a line starting with {@code #} is data.</li>
 * <li>A blank record is skipped and not counted as a row: an empty line, or a line whose
 * only field holds nothing but spaces and tabs (quoted or not). A single-column file
 * therefore cannot carry a whitespace-only value.</li>
 * <li>Values are kept exactly: no trimming, no type conversion (leading zeros and long
 * numbers stay text).</li>
 * <li>The first non-blank record is the header. Its names must be non-blank and unique
 * (compared exactly).</li>
 * <li>A data row with more or fewer fields than the header is returned as a rejected row,
 * not an error.</li>
 * <li>Delimiter: the one the job sets; otherwise an Excel {@code sep=X} first line (which
 * is then skipped and still counts as line 1); otherwise the most frequent of {@code ,}
 * {@code ;} TAB {@code |} outside quotes on the header line. No candidate means one
 * column with {@code ,}; a tie between candidates also chooses {@code ,} (with a
 * warning), so set the delimiter in the job when the header is ambiguous. A job delimiter
 * that contradicts a {@code sep=} line is an error.</li>
 * <li>Encoding: the job's charset, decoded strictly; invalid bytes are an error naming
 * the byte offset and line, never a replacement character. A leading byte order mark is
 * dropped.</li>
 * <li>One record (all its fields) may hold at most 1,048,576 characters (1 Mi,
 * {@code CsvCursor.MAX_RECORD_CHARS}), so an unclosed quote cannot pull the rest of a
 * large file into memory.</li>
 * <li>Line numbers are physical lines of the file (1-based); a record's line is where it
 * starts.</li>
 * </ul>
 */
@NullMarked
package dev.glmbatch.input.csv;

import org.jspecify.annotations.NullMarked;
