package dev.glmbatch.run.schedule;

/** No job of that name is in the catalogue. */
public final class UnknownJobException extends RuntimeException {

	public UnknownJobException(String name) {
		super("There is no job '" + name + "' in the jobs folder. List the jobs with GET /api/jobs.");
	}

}
