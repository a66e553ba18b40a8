package dev.glmbatch.run;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.CallLedger;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.progress.RunTotals;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The runs kept in the state database, as {@code list}, {@code status}, {@code stop} and
 * the API see them: what they are, where their files are, and a stop request to whichever
 * process works one. A run is a Spring Batch job instance identified by the job name, the
 * input file and a sequence number; each start or resume of it is an execution.
 *
 * <p>
 * Only reads, and a stop signal that travels through the state database, so that the
 * small context of the commands that start no run ({@link RunStateRuntime}) needs nothing
 * else; starting and resuming runs is {@link RunOperator}'s, and the runs this process
 * executes are {@link ActiveRuns}.
 */
@Component
public class Runs {

	private final JobRepository jobRepository;

	private final JobAssembler assembler;

	private final DataSource dataSource;

	private final StateDatabase stateDatabase;

	public Runs(JobRepository jobRepository, JobAssembler assembler, DataSource dataSource,
			StateDatabase stateDatabase) {
		this.jobRepository = jobRepository;
		this.assembler = assembler;
		this.dataSource = dataSource;
		this.stateDatabase = stateDatabase;
	}

	public StateDatabase stateDatabase() {
		return stateDatabase;
	}

	/**
	 * The endpoint and limits a run was last executed with, for {@code restart} to resume
	 * it with them.
	 * @return empty when there is no such run
	 */
	public Optional<RunSettings> settings(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		JobExecution last = (instance != null) ? jobRepository.getLastJobExecution(instance) : null;
		return Optional.ofNullable(last).map(execution -> RunParameters.settingsOf(execution.getJobParameters()));
	}

	/**
	 * Whether the output file of a completed run is still what the run wrote.
	 * @return empty when there is no such run
	 */
	public Optional<OutputState> outputState(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		JobExecution last = (instance != null) ? jobRepository.getLastJobExecution(instance) : null;
		if (last == null) {
			return Optional.empty();
		}
		Path output = Path.of(last.getJobParameters().getString(RunParameters.OUTPUT, ""));
		if (!Files.isRegularFile(output)) {
			return Optional.of(OutputState.MISSING);
		}
		String written = last.getExecutionContext().getString(RunParameters.OUTPUT_CHECKSUM_KEY, "");
		if (written.isEmpty()) {
			return Optional.of(OutputState.UNKNOWN);
		}
		return Optional.of(FileChecksums.sha256(output).filter(written::equals).isPresent() ? OutputState.AS_WRITTEN
				: OutputState.REPLACED);
	}

	/** What is at the output path of a run now. */
	public enum OutputState {

		/** The file the run wrote, unchanged. */
		AS_WRITTEN,

		/** Another file: a later run of the job, or a person, has written there since. */
		REPLACED,

		/** No file: the run has not completed, or the file was moved away. */
		MISSING,

		/**
		 * A file, but the run kept no checksum to compare (it has not completed, or an
		 * earlier version ran it).
		 */
		UNKNOWN

	}

	/**
	 * Removes from the call ledger the answers paid before {@code paidBefore} (except
	 * those of runs a process still holds), and, with {@code ofDeletedRuns}, those of
	 * runs no longer in the state database; with {@code dryRun}, only counts them.
	 */
	public PrunedAnswers pruneAnswers(@Nullable Instant paidBefore, boolean ofDeletedRuns, boolean dryRun) {
		CallLedger.Pruned pruned = assembler.ledger().prune(paidBefore, ofDeletedRuns, dryRun);
		return new PrunedAnswers(pruned.answers(), pruned.runs(), pruned.costUsd());
	}

	/**
	 * Answers {@link #pruneAnswers} removed or would remove.
	 *
	 * @param answers call ledger entries
	 * @param runs the runs they belong to
	 * @param costUsd what they cost when they were paid
	 */
	public record PrunedAnswers(long answers, long runs, BigDecimal costUsd) {
	}

	/** Asks whichever process works a run to stop it at its next chunk boundary. */
	public boolean requestStop(long runId) {
		return RunLock.requestStop(dataSource, runId);
	}

	public List<RunSummary> list(int max) {
		return new RunStateReader(dataSource).list(max);
	}

	/** The reject file of a run, as its job parameters name it. */
	public Optional<Path> rejectPath(long runId) {
		return new RunStateReader(dataSource).rejectPath(runId);
	}

	/** A run's progress over time, as sampled while it ran. */
	public List<RunSeries.RunSample> series(long runId) {
		return new RunSeries(dataSource).samples(runId);
	}

	/** The rows, paid answers and history the dashboard reviews. */
	public RunReview review() {
		return new RunReview(dataSource);
	}

	public Optional<RunSummary> status(long runId) {
		return new RunStateReader(dataSource).status(runId);
	}

	/** When the run's first execution started. */
	static @Nullable LocalDateTime firstStart(JobRepository jobRepository, JobInstance instance) {
		return jobRepository.getJobExecutions(instance)
			.stream()
			.map(JobExecution::getStartTime)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

}
