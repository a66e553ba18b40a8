/**
 * Writing Excel workbooks: a new workbook of results in streaming mode, or the results
 * written back into a copy of the input workbook. The kind of workbook follows the file's
 * name: {@code .xlsm} is macro-enabled, anything else a plain workbook. A Strict Open XML
 * workbook is read but cannot be copied ({@code WorkbookWriteBack#requireCopyable}).
 */
@NullMarked
package dev.glmbatch.output.excel;

import org.jspecify.annotations.NullMarked;
