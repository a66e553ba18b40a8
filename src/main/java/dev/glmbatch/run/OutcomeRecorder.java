package dev.glmbatch.run;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import dev.glmbatch.pipeline.JobAssembler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns an execution that has ended into its {@link RunOutcome}: why it stopped, kept
 * with the run for {@code status}, {@code list} and the API, and the JSON report file,
 * which the outcome then names. A completed run asked to run again gets an outcome that
 * says so, from here too.
 */
final class OutcomeRecorder {

	private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

	private final JobRepository jobRepository;

	private final JobAssembler assembler;

	OutcomeRecorder(JobRepository jobRepository, JobAssembler assembler) {
		this.jobRepository = jobRepository;
		this.assembler = assembler;
	}

	/**
	 * The outcome of an execution that has ended.
	 * @param processStopping whether the run was asked to stop because its process was
	 * stopping
	 */
	RunOutcome ended(JobExecution execution, String jobName, boolean resumed, boolean processStopping,
			RunOptions options, SessionFigures figures, Duration elapsed) {
		JobParameters params = execution.getJobParameters();
		long instanceId = execution.getJobInstance().getInstanceId();
		Path output = Path.of(text(params, RunParameters.OUTPUT));
		Path rejects = Path.of(text(params, RunParameters.REJECTS));
		long rowsNow = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(JobAssembler.PROCESS_STEP))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
		RunStatus status = RunStatus.of(execution.getStatus()).ending();
		boolean ownStop = !execution.getExecutionContext().getString(JobAssembler.STOP_REASON_KEY, "").isEmpty();
		// a stop by the run's budget is the run's own decision, whatever else asked it to
		// stop
		boolean interrupted = status == RunStatus.STOPPED && processStopping && !ownStop;
		String reason = FailureReason.of(execution);
		if (status == RunStatus.STOPPED && !ownStop) {
			reason = interrupted ? "stopped at a chunk boundary because the process was asked to stop (Ctrl-C, SIGTERM"
					+ " or a service shutdown)" : "stopped at a chunk boundary on a stop request";
		}
		keepWithTheRun(execution, status, reason, options.resumeCommand().apply(instanceId), output);
		RunOutcome outcome = new RunOutcome(instanceId, execution.getId(), jobName, status, resumed, output, rejects,
				assembler.staging().totals(instanceId), rowsNow, elapsed, reason, interrupted, figures, null,
				assembler.batchRecords().totals(instanceId));
		try {
			return outcome.withReportFile(RunReportFile.write(outcome, reportFacts(instanceId, execution, params)));
		}
		catch (UncheckedIOException ex) {
			log.warn("{}", ex.getMessage());
			return outcome;
		}
	}

	/** The outcome of a completed run asked to run again: nothing to do. */
	RunOutcome alreadyCompleted(JobExecution last) {
		return alreadyCompleted(last, Path.of(last.getJobParameters().getString(RunParameters.OUTPUT)));
	}

	/**
	 * The outcome of a completed run asked to run again, whose results are in
	 * {@code output}.
	 */
	RunOutcome alreadyCompleted(JobExecution last, Path output) {
		long instanceId = last.getJobInstance().getInstanceId();
		return new RunOutcome(instanceId, last.getId(), last.getJobInstance().getJobName(), RunStatus.ALREADY_COMPLETED,
				false, output, Path.of(last.getJobParameters().getString(RunParameters.REJECTS)),
				assembler.staging().totals(instanceId), 0, Duration.ZERO, null, false, SessionFigures.NONE, null);
	}

	/**
	 * Keeps in the execution's context what {@code status}, {@code list} and the API show
	 * after the process has gone: why a run failed or stopped and how to resume it, and
	 * the checksum of the output a completed run wrote (to tell later whether the file at
	 * its path is still that output).
	 */
	private void keepWithTheRun(JobExecution execution, RunStatus status, @Nullable String reason,
			@Nullable String resumeCommand, Path output) {
		var context = execution.getExecutionContext();
		if (status == RunStatus.COMPLETED) {
			context.remove(RunParameters.REASON_KEY);
			context.remove(RunParameters.RESUME_KEY);
			FileChecksums.sha256(output)
				.ifPresent(checksum -> context.putString(RunParameters.OUTPUT_CHECKSUM_KEY, checksum));
		}
		else {
			if (reason != null) {
				context.putString(RunParameters.REASON_KEY, reason);
			}
			if (resumeCommand != null) {
				context.putString(RunParameters.RESUME_KEY, resumeCommand);
			}
		}
		try {
			jobRepository.updateExecutionContext(execution);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot keep the reason and resume command of run {}: {}",
					execution.getJobInstance().getInstanceId(), ex.getMessage());
		}
	}

	/** The paths, checksum and times the report file names. */
	private RunReportFile.Facts reportFacts(long instanceId, JobExecution execution, JobParameters params) {
		JobInstance instance = jobRepository.getJobInstance(instanceId);
		LocalDateTime firstStart = (instance != null) ? Runs.firstStart(jobRepository, instance) : null;
		return new RunReportFile.Facts(text(params, RunParameters.JOB_FILE), text(params, RunParameters.INPUT),
				text(params, RunParameters.CHECKSUM), params.getLong(RunParameters.INPUT_ROWS),
				text(params, RunParameters.OUTPUT), text(params, RunParameters.REJECTS), zoned(firstStart),
				zoned(execution.getStartTime()), zoned(execution.getEndTime()),
				RunParameters.kept(execution, RunParameters.OUTPUT_CHECKSUM_KEY));
	}

	/**
	 * A text parameter, empty when the run has none: Spring Batch declares the default of
	 * {@code getString(key, default)} nullable, so its answer is too.
	 */
	private static String text(JobParameters params, String key) {
		String value = params.getString(key);
		return (value != null) ? value : "";
	}

	private static @Nullable OffsetDateTime zoned(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
