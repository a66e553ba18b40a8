package dev.glmbatch.run;

import java.nio.file.Path;

import dev.glmbatch.pipeline.PartitionLeases;
import org.jspecify.annotations.Nullable;

/**
 * Where run state lives.
 *
 * @param url the JDBC URL, without credentials
 * @param file the H2 database file, absolute, or {@code null} for a server database
 * @param exclusive whether an open connection proves that no other process uses the
 * database (H2 in file mode locks its file), so any run marked as running is known to be
 * dead
 */
public record StateDatabase(String url, @Nullable Path file, boolean exclusive) {

	public String describe() {
		return file != null ? file.toString() : url;
	}

	/**
	 * The name of this process's sessions on a PostgreSQL state database: its name as a
	 * worker in partition leases, so that a manager can end the sessions of a worker that
	 * stopped renewing its lease.
	 */
	public static String sessionName() {
		return PartitionLeases.sessionOf(RunLock.currentOwner());
	}

	/**
	 * Refuses, before anything runs, work that other processes must share through this
	 * database (a distributed run, a worker) when it is not PostgreSQL.
	 * @param who what needs it, e.g. "A distributed run"
	 * @throws RunRefusedException saying what to set
	 */
	public void requireShared(String who) {
		if (!url.startsWith("jdbc:postgresql:")) {
			throw new RunRefusedException(who + " needs a PostgreSQL state database that the manager and every worker"
					+ " share (this one is " + describe() + "): set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME"
					+ " and SPRING_DATASOURCE_PASSWORD, the same for the run and each worker.");
		}
	}

}
