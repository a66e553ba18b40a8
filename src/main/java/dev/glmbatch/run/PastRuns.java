package dev.glmbatch.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.JobDefinition;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The runs {@link RunOperator} decides from, as the job repository keeps them: a job's
 * earlier runs on one input (newest first), a run by id, the parameters that number a new
 * run after the earlier ones, and the outcome of a run found already completed. The
 * operator's rules (resume, refuse, retry) stay with the operator; this class only finds
 * and reads.
 */
final class PastRuns {

	private final JobRepository jobRepository;

	private final StateDatabase stateDatabase;

	PastRuns(JobRepository jobRepository, StateDatabase stateDatabase) {
		this.jobRepository = jobRepository;
		this.stateDatabase = stateDatabase;
	}

	/** The runs of a job on an input, newest first. */
	List<JobInstance> of(String jobName, Path input) {
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

	/**
	 * A run by id.
	 * @throws RunRefusedException when the state database has no such run, naming the
	 * database
	 */
	JobInstance byId(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		if (instance == null) {
			// a state database set elsewhere (spring.datasource.url) is another, possibly
			// empty, database
			throw new RunRefusedException("There is no run " + runId + " in the state database "
					+ stateDatabase.describe() + ". If the run was started with another state database (another"
					+ " spring.datasource.url, or by an earlier version under its working directory), point"
					+ " spring.datasource.url at that database; list the runs here with: list");
		}
		return instance;
	}

	/**
	 * The parameters of a new run of the job on its input: the next sequence number, the
	 * input's checksum and rows, and the output and reject paths of {@code today}.
	 */
	JobParametersBuilder newRunParameters(JobDefinition definition, List<JobInstance> earlier,
			InputInspection inspection, LocalDate today) {
		long sequence = earlier.stream()
			.map(instance -> jobRepository.getLastJobExecution(instance))
			.filter(Objects::nonNull)
			.mapToLong(execution -> execution.getJobParameters().getLong(RunParameters.SEQUENCE, 0L))
			.max()
			.orElse(0L) + 1;
		return new JobParametersBuilder().addString(RunParameters.INPUT, definition.input().path().toString(), true)
			.addLong(RunParameters.SEQUENCE, sequence, true)
			.addString(RunParameters.CHECKSUM, inspection.sha256(), false)
			.addLong(RunParameters.INPUT_ROWS, inspection.dataRows(), false)
			.addString(RunParameters.OUTPUT, definition.output().resolvePath(definition.name(), today).toString(),
					false)
			.addString(RunParameters.REJECTS,
					definition.output().resolveRejectPath(definition.name(), today).toString(), false)
			.addString(RunParameters.JOB_FILE, definition.file().toString(), false);
	}

}
