package dev.glmbatch.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts and resumes runs, as Spring Batch's {@code JobOperator} starts and restarts
 * jobs: {@link #start} resumes the latest unfinished run of the same job and input
 * (failed, stopped, or left running by a dead process), refuses to resume when the input
 * changed, and starts a new run otherwise; {@link #restart} resumes a run by id.
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

	private final StateDatabase stateDatabase;

	private final Clock clock;

	private final RunExecutor executor;

	private final OutputGuard outputs;

	RunOperator(JobRepository jobRepository, JobAssembler assembler, DataSource dataSource, StateDatabase stateDatabase,
			Clock clock, RunExecutor executor) {
		this.jobRepository = jobRepository;
		this.assembler = assembler;
		this.stateDatabase = stateDatabase;
		this.clock = clock;
		this.executor = executor;
		this.outputs = new OutputGuard(jobRepository, dataSource, stateDatabase);
	}

	/**
	 * Runs a job: resumes its unfinished run for the same input, or starts a new one.
	 * @throws RunRefusedException when resuming would be wrong (changed input, run held
	 * by a live process)
	 * @throws InputFormatException when the input cannot be read
	 */
	public StartedRun start(JobDefinition definition, RunOptions options) {
		Path input = definition.input().path();
		List<JobInstance> earlier = instancesFor(definition.name(), input);
		Optional<JobInstance> latest = earlier.stream().findFirst();
		JobExecution last = latest.map(jobRepository::getLastJobExecution).orElse(null);
		JobExecution resumable = (!options.forceNew() && last != null && last.getStatus() != BatchStatus.COMPLETED
				&& last.getStatus() != BatchStatus.ABANDONED) ? last : null;
		// a run resumes in the format of the file it started writing, so that is the one
		// to check
		JobDefinition checked = (resumable != null) ? RunExecutor.inFormatOf(definition,
				Path.of(resumable.getJobParameters().getString(RunParameters.OUTPUT))) : definition;
		InputInspection inspection = JobCheck.of(checked).inspection();
		if (!options.forceNew() && latest.isPresent() && last != null) {
			JobParameters params = last.getJobParameters();
			boolean sameInput = inspection.sha256().equals(params.getString(RunParameters.CHECKSUM));
			BatchStatus status = last.getStatus();
			if (status == BatchStatus.COMPLETED && sameInput) {
				return StartedRun.alreadyCompleted(alreadyCompleted(last));
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
		long sequence = earlier.stream()
			.map(instance -> jobRepository.getLastJobExecution(instance))
			.filter(Objects::nonNull)
			.mapToLong(execution -> execution.getJobParameters().getLong(RunParameters.SEQUENCE, 0L))
			.max()
			.orElse(0L) + 1;
		LocalDate today = LocalDate.now(clock);
		String outputPath = definition.output().resolvePath(definition.name(), today).toString();
		outputs.requireOutputOfNoOtherInput(definition.name(), input, outputPath);
		if (!options.forceNew()) {
			outputs.requireOutputOfThisStateDatabase(definition.name(), Path.of(outputPath));
		}
		JobParameters params = new JobParametersBuilder().addString(RunParameters.INPUT, input.toString(), true)
			.addLong(RunParameters.SEQUENCE, sequence, true)
			.addString(RunParameters.CHECKSUM, inspection.sha256(), false)
			.addLong(RunParameters.INPUT_ROWS, inspection.dataRows(), false)
			.addString(RunParameters.OUTPUT, outputPath, false)
			.addString(RunParameters.REJECTS,
					definition.output().resolveRejectPath(definition.name(), today).toString(), false)
			.addString(RunParameters.JOB_FILE, definition.file().toString(), false)
			.toJobParameters();
		return executor.launch(definition, inspection,
				RunParameters.withReuseOf(RunParameters.withSettings(params, options.settings()), definition), false,
				options);
	}

	/**
	 * Resumes a run by id, with the job file and input it started with and the settings
	 * it last ran with, which the options' settings override field by field.
	 * @throws RunRefusedException when there is no such run, or its input has changed
	 */
	public StartedRun restart(long runId, RunOptions options) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		if (instance == null) {
			// a state database set elsewhere (spring.datasource.url) is another, possibly
			// empty, database
			throw new RunRefusedException("There is no run " + runId + " in the state database "
					+ stateDatabase.describe() + ". If the run was started with another state database (another"
					+ " spring.datasource.url, or by an earlier version under its working directory), point"
					+ " spring.datasource.url at that database; list the runs here with: list");
		}
		JobExecution last = Objects.requireNonNull(jobRepository.getLastJobExecution(instance));
		JobParameters params = last.getJobParameters();
		if (last.getStatus() == BatchStatus.COMPLETED) {
			return StartedRun.alreadyCompleted(alreadyCompleted(last));
		}
		RunSettings settings = RunParameters.settingsOf(params).overriddenBy(options.settings());
		JobDefinition definition = JobDefinitionLoader.load(Path.of(params.getString(RunParameters.JOB_FILE)));
		definition = definition.withInput(definition.input().withPath(Path.of(params.getString(RunParameters.INPUT))));
		definition = RunExecutor.inFormatOf(definition, Path.of(params.getString(RunParameters.OUTPUT)));
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

	private List<JobInstance> instancesFor(String jobName, Path input) {
		List<JobInstance> matching = new ArrayList<>();
		for (JobInstance instance : jobRepository.findJobInstances(jobName)) {
			JobExecution last = jobRepository.getLastJobExecution(instance);
			if (last != null && input.toString().equals(last.getJobParameters().getString(RunParameters.INPUT))) {
				matching.add(instance);
			}
		}
		matching.sort(Comparator.comparingLong(JobInstance::getInstanceId).reversed());
		return matching;
	}

	private RunOutcome alreadyCompleted(JobExecution last) {
		JobParameters params = last.getJobParameters();
		long instanceId = last.getJobInstance().getInstanceId();
		return new RunOutcome(instanceId, last.getId(), last.getJobInstance().getJobName(), RunStatus.ALREADY_COMPLETED,
				false, Path.of(params.getString(RunParameters.OUTPUT)),
				Path.of(params.getString(RunParameters.REJECTS)), assembler.staging().totals(instanceId), 0,
				Duration.ZERO, null, false, SessionFigures.NONE, null);
	}

	private static String abbreviate(@Nullable String checksum) {
		return checksum == null ? "unknown" : checksum.substring(0, Math.min(12, checksum.length()));
	}

}
