package dev.glmbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a full disk, and what the one line names. */
class DiskFullTests {

	@Test
	void fileTooLargeDeepInsideTheStateDatabaseNamesTheStateDatabase() {
		RuntimeException closed = new IllegalStateException(
				"Cannot start job 'job': JDBC rollback; The database has" + " been closed [90098-240]",
				new RuntimeException("The database has been closed",
						new RuntimeException("Writing to FileChannelImpl failed", new IOException("File too large"))));

		assertThat(DiskFull.message(closed, "/data/.glm-batch/state/glm-batch.mv.db"))
			.isEqualTo("The disk is full (or a file-size limit was reached) at /data/.glm-batch/state/glm-batch.mv.db;"
					+ " free space and run the same command to resume. Nothing is lost: committed rows and paid"
					+ " answers are kept.");
	}

	@Test
	void fileNamedByTheFailureIsTheOneNamed() {
		RuntimeException failure = new UncheckedIOException("Cannot write out.csv",
				new FileSystemException("/data/out.csv.partial", null, "No space left on device"));

		assertThat(DiskFull.message(failure, "/state")).contains("at /data/out.csv.partial;");
	}

	@Test
	void otherFailuresAreNotADiskFull() {
		assertThat(DiskFull.message(new IllegalStateException("boom", new IOException("Connection reset")), "/s"))
			.isNull();
		assertThat(DiskFull.message("Run failed: 1113 balance exhausted", "/out")).isNull();
		assertThat(DiskFull.message("Cannot write /out/x.csv: No space left on device", "/out")).contains("at /out;");
	}

}
