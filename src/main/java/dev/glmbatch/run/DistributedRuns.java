package dev.glmbatch.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.pipeline.PartitionFigures;
import dev.glmbatch.pipeline.PartitionLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the manager of a distributed run ({@code run --distributed}) does beyond running
 * its job: refuses a run that cannot be distributed, keeps the job file for the workers,
 * resumes partitions whose worker was lost, and, taking over from a manager that died,
 * lets the partitions live workers still work finish before it recovers the run.
 */
final class DistributedRuns {

	private static final Logger log = LoggerFactory.getLogger(DistributedRuns.class);

	/**
	 * How often a run resumes partitions lost in a row without any partition completing
	 * in between: a partition that loses its worker every time (one that kills the JVM it
	 * runs in) must not go round forever.
	 */
	static final int MAX_RESUMES_WITHOUT_PROGRESS = 3;

	private final JdbcTemplate jdbc;

	private final PartitionLeases leases;

	private final JobRepository jobRepository;

	private final StateDatabase stateDatabase;

	DistributedRuns(DataSource dataSource, JobRepository jobRepository, StateDatabase stateDatabase) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.leases = new PartitionLeases(dataSource, jobRepository);
		this.jobRepository = jobRepository;
		this.stateDatabase = stateDatabase;
	}

	/**
	 * Refuses, before anything starts, a distributed run on a database other processes
	 * cannot share, or of a job that sends its calls through the Batch API.
	 * @throws RunRefusedException saying what to do
	 */
	void requireDistributable(JobDefinition definition) {
		stateDatabase.requireShared("A distributed run");
		if (definition.mode().batches()) {
			throw new RunRefusedException("Job '" + definition.name()
					+ "' sends its calls through the Batch API (mode: " + definition.mode().kind().name().toLowerCase()
					+ "), which one process submits: run it without"
					+ " --distributed, or give it mode: sync; nothing was run.");
		}
	}

	/**
	 * The run's parameters with the job's in-flight limit kept in its settings, so that
	 * every worker holds the limit the manager was given ({@code --max-in-flight}), which
	 * the job file they read may not say.
	 */
	static JobParameters withLimitOf(JobParameters params, JobDefinition definition) {
		Integer limit = definition.maxInFlight();
		if (limit == null) {
			return params;
		}
		RunSettings kept = RunParameters.settingsOf(params);
		return RunParameters.withSettings(params,
				new RunSettings(kept.baseUrl(), kept.dialect(), limit, kept.concurrency(), kept.simulated()));
	}

	/** Keeps the job file's text with the run, for workers that do not have the file. */
	void keepJobFile(long jobInstanceId, JobDefinition definition) {
		String text = JobDefinitionLoader.readText(definition.file());
		jdbc.update("DELETE FROM GLMB_DISTRIBUTED_RUN WHERE JOB_INSTANCE_ID = ?", jobInstanceId);
		jdbc.update("INSERT INTO GLMB_DISTRIBUTED_RUN (JOB_INSTANCE_ID, JOB_FILE_TEXT) VALUES (?, ?)", jobInstanceId,
				text);
	}

	/**
	 * The job of a distributed run as its manager read it, with the run's own settings,
	 * for a worker: workers have the text, not the file.
	 */
	JobDefinition jobOf(long runId, JobParameters params) {
		String text = jdbc.queryForObject("SELECT JOB_FILE_TEXT FROM GLMB_DISTRIBUTED_RUN WHERE JOB_INSTANCE_ID = ?",
				String.class, runId);
		if (text == null) {
			throw new IllegalStateException("run " + runId + " has no job file in the state database");
		}
		JobDefinition definition = JobDefinitionLoader.loadText(Path.of(params.getString(RunParameters.JOB_FILE)),
				text);
		definition = definition.withInput(definition.input().withPath(Path.of(params.getString(RunParameters.INPUT))));
		definition = RunParameters.inFormatOf(definition, params);
		Integer concurrency = RunParameters.settingsOf(params).concurrency();
		if (concurrency != null) {
			definition = definition.withConcurrency(concurrency);
		}
		return RunParameters.reuseOf(definition, params);
	}

	/** A new session of this process as the manager of a run. */
	ManagerSession managerSession() {
		return new ManagerSession();
	}

	/**
	 * This process's session as the manager of one run: the executions it ran, whether to
	 * run another at once after partitions lost their worker, and what the workers
	 * measured in them.
	 */
	final class ManagerSession {

		private int resumesWithoutProgress;

		private long completedBefore = -1;

		private final List<Long> executions = new ArrayList<>();

		private ManagerSession() {
		}

		/**
		 * What the workers measured of the calls of the partitions that ended on them, in
		 * the executions seen so far (a partition whose worker was lost measured
		 * nothing).
		 */
		SessionFigures figures(String budget) {
			List<StepExecution> partitions = new ArrayList<>();
			for (long jobExecutionId : executions) {
				for (long id : jdbc.queryForList(
						"SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class,
						jobExecutionId)) {
					StepExecution partition = jobRepository.getStepExecution(id);
					if (partition != null) {
						partitions.add(partition);
					}
				}
			}
			return SessionFigures.of(PartitionFigures.merge(partitions), budget);
		}

		/**
		 * Whether an execution that has ended should run again at once: it failed only
		 * because workers were lost (their partitions resume from their last commit on
		 * the workers alive), and it is not going round in circles.
		 */
		boolean resume(JobExecution execution) {
			executions.add(execution.getId());
			long runId = execution.getJobInstance().getInstanceId();
			int lostNow = (execution.getStatus() == BatchStatus.FAILED) ? lost(execution.getId()) : 0;
			if (lostNow == 0 || !onlyLost(execution.getId())) {
				return false;
			}
			long completed = completedPartitions(runId);
			resumesWithoutProgress = (completed > completedBefore) ? 1 : resumesWithoutProgress + 1;
			completedBefore = completed;
			if (resumesWithoutProgress > MAX_RESUMES_WITHOUT_PROGRESS) {
				log.error("Run {}: partitions lost their worker {} times in a row without any partition completing;"
						+ " the run stops here", runId, MAX_RESUMES_WITHOUT_PROGRESS);
				return false;
			}
			log.warn("Run {}: {} partition(s) lost their worker; resuming them on the workers alive", runId, lostNow);
			return true;
		}

	}

	private int lost(long jobExecutionId) {
		Integer lost = jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ?
				AND EXIT_CODE = ?""", Integer.class, jobExecutionId, JobAssembler.PARTITION_STEP + ":%",
				PartitionLeases.LOST);
		return (lost == null) ? 0 : lost;
	}

	private boolean onlyLost(long jobExecutionId) {
		Integer others = jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE ?
				AND STATUS = 'FAILED' AND EXIT_CODE <> ?""", Integer.class, jobExecutionId,
				JobAssembler.PARTITION_STEP + ":%", PartitionLeases.LOST);
		return others != null && others == 0;
	}

	private long completedPartitions(long jobInstanceId) {
		Long completed = jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
				WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME LIKE ? AND s.STATUS = 'COMPLETED'""", Long.class,
				jobInstanceId, JobAssembler.PARTITION_STEP + ":%");
		return (completed == null) ? 0 : completed;
	}

	/**
	 * Before a run left by a dead manager is recovered: waits while workers still work
	 * its partitions, so that recovering does not fence them and pay their calls in
	 * flight again.
	 */
	void awaitLiveWorkers(JobExecution last) {
		if (RunParameters.partitionsOf(last.getJobParameters()) == 0) {
			return;
		}
		int live = leases.live(last.getId());
		if (live > 0) {
			log.warn("Run {}: workers still work {} of its partitions; waiting for them before taking the run over",
					last.getJobInstance().getInstanceId(), live);
		}
		while (live > 0) {
			try {
				Thread.sleep(PartitionLeases.HEARTBEAT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RunRefusedException("Interrupted while waiting for the workers of run "
						+ last.getJobInstance().getInstanceId() + "; nothing was run.");
			}
			live = leases.live(last.getId());
		}
	}

}
