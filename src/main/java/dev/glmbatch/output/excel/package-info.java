/**
 * Writing Excel workbooks: a new workbook of results in streaming mode, or the results written back into a copy of
 * the input workbook.
 */
@NullMarked
package dev.glmbatch.output.excel;

import org.jspecify.annotations.NullMarked;
