package dev.glmbatch.output.csv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.glmbatch.output.FormulaGuard;
import dev.glmbatch.output.PartialFile;
import dev.glmbatch.output.TableWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV in UTF-8, with a byte order mark only when asked (Excel on Windows needs
 * one to read UTF-8), CRLF between records, fields quoted when they need it (embedded
 * delimiter, quote or line break; the line breaks inside a field are kept as they were).
 * Optionally, values a spreadsheet could run as formulas get a leading apostrophe (see
 * {@link FormulaGuard}), header cells included: a column name comes from the input file,
 * and the derived names ({@code name_fr}) repeat it.
 */
public final class CsvTableWriter implements TableWriter {

	private final PartialFile file;

	private final CSVPrinter printer;

	private final boolean guardFormulas;

	private CsvTableWriter(Path target, List<String> header, boolean guardFormulas, boolean bom) throws IOException {
		this.guardFormulas = guardFormulas;
		this.file = PartialFile.create(target);
		OutputStreamWriter writer = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
		if (bom) {
			writer.write('\uFEFF');
		}
		this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		this.printer.printRecord(guardFormulas ? header.stream().map(FormulaGuard::quote).toList() : header);
	}

	/** Opens a writer whose first record is the header. */
	public static CsvTableWriter open(Path target, List<String> header) {
		return open(target, header, false);
	}

	/**
	 * Opens a writer whose first record is the header.
	 * @param guardFormulas whether to put an apostrophe before values a spreadsheet could
	 * run as formulas
	 */
	public static CsvTableWriter open(Path target, List<String> header, boolean guardFormulas) {
		return open(target, header, guardFormulas, false);
	}

	/**
	 * Opens a writer whose first record is the header.
	 * @param guardFormulas whether to put an apostrophe before values a spreadsheet could
	 * run as formulas
	 * @param bom whether the file starts with a UTF-8 byte order mark
	 */
	public static CsvTableWriter open(Path target, List<String> header, boolean guardFormulas, boolean bom) {
		try {
			return new CsvTableWriter(target, header, guardFormulas, bom);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void writeRow(List<String> values) {
		try {
			if (guardFormulas) {
				printer.printRecord(values.stream().map(FormulaGuard::quote).toList());
			}
			else {
				printer.printRecord(values);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file.partialPath() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Path publish() {
		return file.publish(printer);
	}

	@Override
	public void close() {
		file.close();
	}

}
