package dev.glmbatch.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.pipeline.JobAssembler;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts and resumes runs, as Spring Batch's {@code JobOperator} starts and restarts
 * jobs: {@link #start} resumes the latest unfinished run of the same job and input
 * (failed, stopped, or left running by a dead process), refuses to resume when the input
 * changed, and starts a new run otherwise; {@link #restart} resumes a run by id;
 * {@link #retry} starts a run that processes again the rows a completed run rejected.
 *
 * <p>
 * Both take the one {@link RunOptions} value and return a {@link StartedRun} once the run
 * has its id: the execution goes on on a thread of its own ({@link RunExecutor}), and the
 * handle's outcome says how it ended. What is wrong before the run has an id (a changed
 * input, an output that is not this run's, a run held by another process) is thrown by
 * the call itself.
 */
@Component
public class RunOperator {

	private final JobRepository jobRepository;

	private final JobAssembler assembler;

	private final Clock clock;

	private final RunExecutor executor;

	private final OutputGuard outputs;

	private final RunExports exports;

	private final PastRuns past;

	private final OutcomeRecorder outcomes;

	RunOperator(JobRepository jobRepository, JobAssembler assembler, DataSource dataSource, StateDatabase stateDatabase,
			Clock clock, RunExecutor executor, RunExports exports) {
		this.exports = exports;
		this.jobRepository = jobRepository;
		this.assembler = assembler;
		this.clock = clock;
		this.executor = executor;
		this.outputs = new OutputGuard(jobRepository, dataSource, stateDatabase);
		this.past = new PastRuns(jobRepository, stateDatabase);
		this.outcomes = new OutcomeRecorder(jobRepository, assembler);
	}

	/**
	 * Runs a job: resumes its unfinished run for the same input, or starts a new one.
	 * @throws RunRefusedException when resuming would be wrong (changed input, run held
	 * by a live process)
	 * @throws InputFormatException when the input cannot be read
	 */
	public StartedRun start(JobDefinition definition, RunOptions options) {
		Path input = definition.input().path();
		List<JobInstance> earlier = past.of(definition.name(), input);
		Optional<JobInstance> latest = earlier.stream().findFirst();
		JobExecution last = latest.map(jobRepository::getLastJobExecution).orElse(null);
		JobExecution resumable = (!options.forceNew() && last != null && last.getStatus() != BatchStatus.COMPLETED
				&& last.getStatus() != BatchStatus.ABANDONED) ? last : null;
		// a run resumes in the format of the file it started writing, so that is the one
		// to check
		JobDefinition checked = (resumable != null) ? RunParameters.inFormatOf(definition, resumable.getJobParameters())
				: definition;
		InputInspection inspection = JobCheck.of(checked).inspection();
		if (!options.forceNew() && latest.isPresent() && last != null) {
			JobParameters params = last.getJobParameters();
			boolean sameInput = inspection.sha256().equals(params.getString(RunParameters.CHECKSUM));
			BatchStatus status = last.getStatus();
			if (status == BatchStatus.COMPLETED && sameInput) {
				return StartedRun.alreadyCompleted(outcomes.alreadyCompleted(last));
			}
			if (status != BatchStatus.COMPLETED && status != BatchStatus.ABANDONED) {
				if (!sameInput) {
					throw new RunRefusedException(
							"Run " + latest.get().getInstanceId() + " of job '" + definition.name()
									+ "' is unfinished, but " + input + " has changed since it started (checksum "
									+ abbreviate(params.getString(RunParameters.CHECKSUM)) + " then, "
									+ abbreviate(inspection.sha256())
									+ " now). Restore the original file to resume it, or add --new to start over"
									+ " (answers already paid for are re-used unless you add --no-reuse).");
				}
				RunSettings settings = RunParameters.settingsOf(params).overriddenBy(options.settings());
				JobDefinition resumed = RunParameters.reuseOf(definition, params);
				return executor.launch(resumed, inspection,
						RunParameters.withReuseOf(RunParameters.withSettings(params, settings), resumed), true,
						options);
			}
		}
		LocalDate today = LocalDate.now(clock);
		String outputPath = definition.output().resolvePath(definition.name(), today).toString();
		outputs.requireOutputOfNoOtherInput(definition.name(), input, outputPath);
		if (!options.forceNew()) {
			outputs.requireOutputOfThisStateDatabase(definition.name(), Path.of(outputPath));
		}
		JobParameters params = past.newRunParameters(definition, earlier, inspection, today).toJobParameters();
		return executor.launch(definition, inspection,
				RunParameters.withReuseOf(RunParameters.withSettings(params, options.settings()), definition), false,
				options);
	}

	/**
	 * Writes the results of the completed run of this job and input to the job's output
	 * path, without any call, when that path is not the one the run wrote: the command
	 * line's {@code run JOB --output OTHER} for an input processed already.
	 * @return the outcome, {@link RunStatus#ALREADY_COMPLETED} with the new output path;
	 * empty when the latest run of the job on this input has not completed, or its input
	 * has changed since, or it wrote this very path (then {@link #start} says what to do)
	 * @throws RunRefusedException when the file cannot be written
	 */
	public Optional<RunOutcome> exportCompleted(JobDefinition definition) {
		Path input = definition.input().path();
		JobExecution last = past.of(definition.name(), input)
			.stream()
			.findFirst()
			.map(jobRepository::getLastJobExecution)
			.orElse(null);
		if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
			return Optional.empty();
		}
		JobParameters params = last.getJobParameters();
		Path target = definition.output().resolvePath(definition.name(), LocalDate.now(clock));
		if (target.toString().equals(params.getString(RunParameters.OUTPUT))
				|| !JobCheck.of(definition).inspection().sha256().equals(params.getString(RunParameters.CHECKSUM))) {
			return Optional.empty();
		}
		RunExports.Export export = exports.exportTo(last, definition, target);
		return Optional.of(outcomes.alreadyCompleted(last, export.file()));
	}

	/**
	 * Starts a new run of a completed run's job that processes again only the rows that
	 * run rejected, with the job file as it is now (its instructions may have been
	 * edited), and keeps every row it accepted as it was, without a call. The new run
	 * writes the whole output again, to the job's output path, and resumes like any run.
	 * <p>
	 * A retried row is asked again even when the job is unchanged: a retry is a request
	 * for new answers, which a model may give differently; the answers the retry pays for
	 * go to its own call ledger, so it never pays twice for them.
	 * @throws RunRefusedException when there is no such run, it has not completed, it
	 * rejected no row, a later run of the job on this input is unfinished, or the input
	 * has changed since
	 */
	public StartedRun retry(long runId, RunOptions options) {
		JobInstance instance = past.byId(runId);
		JobExecution last = Objects.requireNonNull(jobRepository.getLastJobExecution(instance));
		RunStatus status = RunStatus.of(last.getStatus());
		if (status != RunStatus.COMPLETED) {
			throw new RunRefusedException("Run " + runId + " is " + status + (status.isRunning()
					? ": retry its rejected rows once it has completed."
					: ", not completed: resume it first (restart " + runId + "), then retry the rows it rejected."));
		}
		long rejected = assembler.staging().totals(runId).rejected();
		if (rejected == 0) {
			throw new RunRefusedException("Run " + runId + " rejected no row: there is nothing to retry.");
		}
		JobParameters params = last.getJobParameters();
		Path input = Path.of(params.getString(RunParameters.INPUT));
		List<JobInstance> earlier = past.of(instance.getJobName(), input);
		JobExecution latest = jobRepository.getLastJobExecution(earlier.get(0));
		if (latest != null && latest.getStatus() != BatchStatus.COMPLETED
				&& latest.getStatus() != BatchStatus.ABANDONED) {
			long unfinished = earlier.get(0).getInstanceId();
			throw new RunRefusedException("Run " + unfinished + " of job '" + instance.getJobName() + "' on " + input
					+ " is unfinished: resume it first (restart " + unfinished + ").");
		}
		RunSettings settings = RunParameters.settingsOf(params).overriddenBy(options.settings());
		JobDefinition definition = JobDefinitionLoader.loadJobFile(Path.of(params.getString(RunParameters.JOB_FILE)))
			.forInput(input);
		if (settings.concurrency() != null) {
			definition = definition.withConcurrency(settings.concurrency());
		}
		InputInspection inspection = JobCheck.of(definition).inspection();
		if (!inspection.sha256().equals(params.getString(RunParameters.CHECKSUM))) {
			throw new RunRefusedException("Cannot retry the rejected rows of run " + runId + ": " + input
					+ " has changed since it ran, so its accepted rows may no longer be this input's. Restore the"
					+ " original file, or start a new run with: run " + params.getString(RunParameters.JOB_FILE)
					+ " --new");
		}
		LocalDate today = LocalDate.now(clock);
		String outputPath = definition.output().resolvePath(definition.name(), today).toString();
		outputs.requireOutputOfNoOtherInput(definition.name(), input, outputPath);
		JobParameters retry = past.newRunParameters(definition, earlier, inspection, today)
			.addLong(RunParameters.RETRY_OF, runId, false)
			.toJobParameters();
		// the rows retried are asked again, not answered from earlier runs' answers
		JobDefinition fresh = definition.withReuse(false);
		return executor.launch(fresh, inspection,
				RunParameters.withReuseOf(RunParameters.withSettings(retry, settings), fresh), false, options);
	}

	/**
	 * Resumes a run by id, with the job file and input it started with and the settings
	 * it last ran with, which the options' settings override field by field.
	 * @throws RunRefusedException when there is no such run, or its input has changed
	 */
	public StartedRun restart(long runId, RunOptions options) {
		JobInstance instance = past.byId(runId);
		JobExecution last = Objects.requireNonNull(jobRepository.getLastJobExecution(instance));
		JobParameters params = last.getJobParameters();
		if (last.getStatus() == BatchStatus.COMPLETED) {
			return StartedRun.alreadyCompleted(outcomes.alreadyCompleted(last));
		}
		RunSettings settings = RunParameters.settingsOf(params).overriddenBy(options.settings());
		JobDefinition definition = JobDefinitionLoader.load(Path.of(params.getString(RunParameters.JOB_FILE)));
		definition = definition.withInput(definition.input().withPath(Path.of(params.getString(RunParameters.INPUT))));
		definition = RunParameters.inFormatOf(definition, params);
		if (settings.concurrency() != null) {
			definition = definition.withConcurrency(settings.concurrency());
		}
		definition = RunParameters.reuseOf(definition, params);
		InputInspection inspection = JobCheck.of(definition).inspection();
		if (!inspection.sha256().equals(params.getString(RunParameters.CHECKSUM))) {
			throw new RunRefusedException("Run " + runId + " cannot resume: " + params.getString(RunParameters.INPUT)
					+ " has changed since it started. Restore the original file, or start a new run with: run "
					+ params.getString(RunParameters.JOB_FILE) + " --new");
		}
		return executor.launch(definition, inspection, RunParameters.withSettings(params, settings), true, options);
	}

	private static String abbreviate(@Nullable String checksum) {
		return checksum == null ? "unknown" : checksum.substring(0, Math.min(12, checksum.length()));
	}

}
