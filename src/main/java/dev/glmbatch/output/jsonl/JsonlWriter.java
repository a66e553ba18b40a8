package dev.glmbatch.output.jsonl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.output.PartialFile;

/**
 * Writes JSON Lines: one JSON object per line, each line valid on its own (line breaks
 * inside values are escaped), UTF-8 without BOM, {@code \n} after every line, no
 * enclosing array. The file is published atomically like the other outputs. Not
 * thread-safe.
 */
public final class JsonlWriter implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PartialFile file;

	private final OutputStream out;

	private JsonlWriter(Path target) {
		this.file = PartialFile.create(target);
		this.out = new BufferedOutputStream(file.stream(), 64 * 1024);
	}

	public static JsonlWriter open(Path target) {
		return new JsonlWriter(target);
	}

	/**
	 * Writes one value (a record, a map) as one line; a record's fields in their order, a
	 * map's keys in its own.
	 */
	public void write(Object object) {
		try {
			out.write(json.writeValueAsBytes(object));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file.partialPath() + ": " + ex.getMessage(), ex);
		}
	}

	public Path publish() {
		return file.publish(out);
	}

	/** Deletes the partial file unless it was published. */
	@Override
	public void close() {
		file.close();
	}

}
