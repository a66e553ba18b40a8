package dev.glmbatch.run;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refuses a new run whose output path already holds results it did not write: those of a
 * run of the same job on another input, or of a run this state database does not know.
 * Either would be replaced, and paid for again.
 */
record OutputGuard(JobRepository jobRepository, DataSource dataSource, StateDatabase stateDatabase) {

	/**
	 * Refuses a new run whose output would replace the results of a completed run of the
	 * same job on another input file: an output path without {@code {input}}, given
	 * another {@code --input}.
	 */
	void requireOutputOfNoOtherInput(String jobName, Path input, String outputPath) {
		if (!Files.exists(Path.of(outputPath))) {
			return;
		}
		for (JobInstance instance : jobRepository.findJobInstances(jobName)) {
			JobExecution last = jobRepository.getLastJobExecution(instance);
			if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
				continue;
			}
			JobParameters params = last.getJobParameters();
			String otherInput = params.getString(RunParameters.INPUT);
			if (outputPath.equals(params.getString(RunParameters.OUTPUT)) && otherInput != null
					&& !otherInput.equals(input.toString())) {
				throw new RunRefusedException(outputPath + " holds the results of run " + instance.getInstanceId()
						+ " of job '" + jobName + "' on " + otherInput + ", and this run of " + input
						+ " would replace them. Write this run elsewhere with --output FILE, or put {input} in the"
						+ " job's output path so that each input gets its own file (or move the file away first).");
			}
		}
	}

	/**
	 * Refuses a new run whose output file exists but was written by no run this state
	 * database knows: it may hold the results of a run kept in another state database
	 * (started with another {@code spring.datasource.url}, or by an earlier version that
	 * kept its state under the working directory), which a new run would pay for again
	 * and replace. {@code --new} (or {@code new=true} through the API) overwrites it.
	 */
	void requireOutputOfThisStateDatabase(String jobName, Path output) {
		if (!Files.exists(output)) {
			return;
		}
		Integer known = new JdbcTemplate(dataSource).queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = ? AND PARAMETER_VALUE = ?",
				Integer.class, RunParameters.OUTPUT, output.toString());
		if (known == null || known == 0) {
			throw new RunRefusedException(output + " already exists, and no run in the state database "
					+ stateDatabase.describe() + " wrote it: it may hold the results of job '" + jobName
					+ "' from a run kept in another state database, which this run would pay for again and replace."
					+ " If that is intended, add --new (API: new=true) to overwrite it; otherwise move the file away,"
					+ " write elsewhere with --output FILE, or point spring.datasource.url at the state database that"
					+ " has its runs.");
		}
	}

}
