package dev.glmbatch.output.csv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.glmbatch.output.FormulaGuard;
import dev.glmbatch.output.TableWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV in UTF-8 without BOM, CRLF between records, fields quoted when they need it (embedded delimiter,
 * quote or line break; the line breaks inside a field are kept as they were). Optionally, values a spreadsheet could
 * run as formulas get a leading apostrophe (see {@link FormulaGuard}); the header is written as it is.
 */
public final class CsvTableWriter implements TableWriter {

	private final Path target;

	private final Path partial;

	private final FileChannel channel;

	private final CSVPrinter printer;

	private final boolean guardFormulas;

	private boolean published;

	private CsvTableWriter(Path target, List<String> header, boolean guardFormulas) throws IOException {
		this.guardFormulas = guardFormulas;
		this.target = target.toAbsolutePath();
		Files.createDirectories(this.target.getParent());
		this.partial = this.target.resolveSibling(this.target.getFileName() + ".partial");
		this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		Writer writer = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
		this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		this.printer.printRecord(header);
	}

	/** Opens a writer whose first record is the header. */
	public static CsvTableWriter open(Path target, List<String> header) {
		return open(target, header, false);
	}

	/**
	 * Opens a writer whose first record is the header.
	 * @param guardFormulas whether to put an apostrophe before values a spreadsheet could run as formulas
	 */
	public static CsvTableWriter open(Path target, List<String> header, boolean guardFormulas) {
		try {
			return new CsvTableWriter(target, header, guardFormulas);
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
			throw new UncheckedIOException("Cannot write " + partial + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Path publish() {
		try {
			printer.flush();
			channel.force(true);
			printer.close();
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			}
			published = true;
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot publish " + target + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		if (published) {
			return;
		}
		try {
			printer.close();
		}
		catch (IOException ex) {
			// the partial file is deleted below either way
		}
		try {
			Files.deleteIfExists(partial);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + partial, ex);
		}
	}

}
