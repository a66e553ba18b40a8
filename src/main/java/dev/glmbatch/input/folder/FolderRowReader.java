package dev.glmbatch.input.folder;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Reads a folder input as rows, one per selected file in path order. The listing is taken
 * again when the reader opens; a file that can no longer be read when its row comes is a
 * rejected row naming it. A resumed run lists the folder again and passes over as many
 * rows as it has staged, so files must keep their names while a run uses the folder. Not
 * thread-safe.
 */
public final class FolderRowReader extends RowReader {

	private final InputSpec spec;

	private List<String> files = List.of();

	private int next;

	public FolderRowReader(InputSpec spec, InputInspection inspection) {
		super(inspection);
		this.spec = Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(spec.folder(), "not a folder input");
	}

	@Override
	protected void doOpen() {
		files = FolderListing.files(spec.path(), Objects.requireNonNull(spec.folder()));
		next = 0;
	}

	@Override
	protected @Nullable SourceRow nextRow(long rowNumber) {
		if (next >= files.size()) {
			return null;
		}
		String relative = files.get(next++);
		try {
			return SourceRow.of(rowNumber, rowNumber, FolderListing.columns(spec.path(), relative));
		}
		catch (IOException ex) {
			return SourceRow.rejected(rowNumber, rowNumber, Map.of("path", relative),
					"'" + relative + "' cannot be read (" + ex.getMessage() + "); restore it or give read access");
		}
	}

	@Override
	protected void doClose() {
		files = List.of();
	}

}
