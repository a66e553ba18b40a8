package dev.glmbatch.output;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written beside its target under the name {@code <target>.partial} and renamed
 * onto the target once complete, so that readers of the target never see a partial file.
 * Not thread-safe.
 */
public final class PartialFile implements AutoCloseable {

	private final Path target;

	private final Path partial;

	private final FileChannel channel;

	private final OutputStream stream;

	private boolean published;

	private PartialFile(Path target) throws IOException {
		this.target = target.toAbsolutePath();
		Files.createDirectories(this.target.getParent());
		this.partial = this.target.resolveSibling(this.target.getFileName() + ".partial");
		this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		this.stream = Channels.newOutputStream(channel);
	}

	/**
	 * Checks that a file can be written where {@code target} goes, before anything is
	 * paid for: creates, writes and deletes a small file in its folder (or, when the
	 * folder does not exist yet, in the nearest folder above it, where it would be
	 * created). Nothing is left behind.
	 * @throws IOException saying why not: no permission, a read-only or full file system,
	 * a file where a folder should be
	 */
	public static void requireWritable(Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			throw new IOException(absolute + " is a folder");
		}
		Path existing = absolute.getParent();
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null || !Files.isDirectory(existing)) {
			throw new IOException(existing + " is a file, not a folder");
		}
		Path probe = Files.createTempFile(existing, ".glm-batch-write-check-", ".tmp");
		try {
			Files.write(probe, new byte[] { '\n' });
		}
		finally {
			Files.deleteIfExists(probe);
		}
	}

	/**
	 * Why {@link #requireWritable} refused, in a few words for a message: "permission
	 * denied", the file system's reason, or what the exception says.
	 */
	public static String reason(IOException refusal) {
		if (refusal instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (refusal instanceof FileSystemException fs) {
			return (fs.getReason() != null) ? fs.getReason() : "cannot create a file in " + fs.getFile();
		}
		return String.valueOf(refusal.getMessage());
	}

	public static PartialFile create(Path target) {
		try {
			return new PartialFile(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	/** The stream to write to; closing it does not publish. */
	public OutputStream stream() {
		return stream;
	}

	public Path partialPath() {
		return partial;
	}

	/**
	 * Flushes a writer that buffers on top of {@link #stream()}, then publishes.
	 * @param buffered the writer, printer or generator holding bytes not yet in the
	 * stream
	 */
	public Path publish(Flushable buffered) {
		try {
			buffered.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + partial + ": " + ex.getMessage(), ex);
		}
		return publish();
	}

	/** Syncs the bytes written to disk and renames the partial file onto the target. */
	public Path publish() {
		try {
			stream.flush();
			channel.force(true);
			channel.close();
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

	/** Deletes the partial file unless it was published. */
	@Override
	public void close() {
		if (published) {
			return;
		}
		try {
			channel.close();
			Files.deleteIfExists(partial);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + partial, ex);
		}
	}

}
