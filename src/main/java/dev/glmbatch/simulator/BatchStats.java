package dev.glmbatch.simulator;

/**
 * What the simulator's files and batches routes have seen since it started or was last
 * reset.
 *
 * @param filesUploaded files uploaded
 * @param filesStored files held now (uploads and result files not yet deleted)
 * @param batchesCreated batches created
 * @param linesSubmitted input lines of batches that passed validation
 * @param resubmittedLines lines whose {@code custom_id} had already come in a batch that
 * passed validation: rows a client sent twice
 * @param linesAnswered lines answered with status 200
 * @param linesFailed lines written to an error file
 */
public record BatchStats(long filesUploaded, long filesStored, long batchesCreated, long linesSubmitted,
		long resubmittedLines, long linesAnswered, long linesFailed) {

}
