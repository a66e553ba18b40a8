package dev.glmbatch.run;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.pipeline.PartitionLeases;
import dev.glmbatch.pipeline.RunSession;
import dev.glmbatch.pipeline.StoredInput;
import dev.glmbatch.progress.ProgressDisplay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A worker of distributed runs ({@code worker}): takes one partition at a time from the
 * state database ({@link PartitionRequests}), and runs the process step on its rows with
 * this process's GLM client, renewing its lease, until it is stopped. On SIGTERM or
 * Ctrl-C the partition at hand stops at its next chunk boundary and is handed back as
 * lost, so that its run resumes it on another worker.
 */
@Component
public class PartitionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	/** How long a worker with nothing to do waits before it looks for a request again. */
	private static final long IDLE_MILLIS = 500;

	private final JobRepository jobRepository;

	private final JobAssembler assembler;

	private final LlmClient client;

	private final LlmTraffic traffic;

	private final StateDatabase stateDatabase;

	private final PlatformTransactionManager transactionManager;

	private final PartitionLeases leases;

	private final DistributedRuns distributed;

	private final DataSource dataSource;

	private final String name = RunLock.currentOwner();

	private final CountDownLatch ended = new CountDownLatch(1);

	private volatile boolean running;

	private volatile boolean stopping;

	private volatile @Nullable StepExecution current;

	PartitionWorker(JobRepository jobRepository, JobAssembler assembler, LlmClient client, LlmTraffic traffic,
			DataSource dataSource, PlatformTransactionManager transactionManager, StateDatabase stateDatabase) {
		this.jobRepository = jobRepository;
		this.assembler = assembler;
		this.client = client;
		this.traffic = traffic;
		this.stateDatabase = stateDatabase;
		this.dataSource = dataSource;
		this.distributed = new DistributedRuns(dataSource, jobRepository, stateDatabase);
		this.transactionManager = transactionManager;
		this.leases = new PartitionLeases(dataSource, jobRepository);
	}

	/** This worker's name in leases and status: its pid and host. */
	public String name() {
		return name;
	}

	/**
	 * Works partitions until {@link #stop()}.
	 * @throws RunRefusedException when the state database is not one several processes
	 * share
	 */
	public void work() {
		stateDatabase.requireShared("A worker");
		PartitionRequests requests = new PartitionRequests(dataSource, jobRepository, leases, transactionManager);
		running = true;
		try {
			while (!stopping) {
				Optional<StepExecution> partition = requests.take(name);
				if (partition.isEmpty()) {
					pause();
				}
				else {
					workOn(partition.get());
				}
			}
		}
		finally {
			running = false;
			ended.countDown();
		}
	}

	private void workOn(StepExecution partition) {
		JobExecution job = partition.getJobExecution();
		long runId = job.getJobInstance().getInstanceId();
		long firstRow = partition.getExecutionContext().getLong(StoredInput.FIRST_ROW);
		long lastRow = partition.getExecutionContext().getLong(StoredInput.LAST_ROW);
		AutoCloseable heartbeat = leases.renewWhileWorked(partition, name);
		current = partition;
		try {
			log.info("Run {}: {} (rows {} to {}) taken by worker {}", runId, partition.getStepName(), firstRow, lastRow,
					name);
			JobParameters params = job.getJobParameters();
			JobDefinition definition = distributed.jobOf(runId, params);
			Integer kept = RunParameters.settingsOf(params).maxInFlight();
			Integer limit = (kept != null) ? kept : definition.maxInFlight();
			if (limit != null) {
				traffic.setInFlightCeiling(definition.model(), limit);
			}
			RunSession session = new RunSession(traffic, ProgressDisplay.logLines());
			Long retryOf = params.getLong(RunParameters.RETRY_OF);
			if (retryOf != null) {
				session = session.retrying(retryOf);
			}
			Long rows = params.getLong(RunParameters.INPUT_ROWS);
			Step step = assembler.partitionStep(definition, client, session, firstRow, lastRow,
					(rows != null) ? rows : lastRow);
			if (stopping) {
				partition.setTerminateOnly();
			}
			step.execute(partition);
			log.info("Run {}: {} ended {} on worker {}", runId, partition.getStepName(), partition.getStatus(), name);
			if (stopping && partition.getStatus() == BatchStatus.STOPPED && !leases.stopping(job.getId())) {
				// this worker is stopping, not the run: another worker resumes the
				// partition
				leases.end(partition.getId(), BatchStatus.FAILED, "its worker " + name + " was stopped");
			}
		}
		catch (JobInterruptedException ex) {
			log.info("Run {}: {} interrupted on worker {}", runId, partition.getStepName(), name);
		}
		catch (RuntimeException ex) {
			// a partition fenced off (another worker took it over) or that could not
			// even start: its run learns from the job repository
			log.warn("Run {}: {} given up on worker {}: {}", runId, partition.getStepName(), name, ex.getMessage());
			leases.end(partition.getId(), BatchStatus.FAILED, "its worker could not work it: " + ex.getMessage());
		}
		finally {
			current = null;
			close(heartbeat);
			leases.release(partition.getId());
		}
	}

	private static void close(AutoCloseable heartbeat) {
		try {
			heartbeat.close();
		}
		catch (Exception ex) {
			log.warn("Cannot stop a lease's heartbeat: {}", ex.getMessage());
		}
	}

	private void pause() {
		try {
			Thread.sleep(IDLE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopping = true;
		}
	}

	/** Not started with the context: only the worker command works partitions. */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public void start() {
		// work() runs on the worker command's thread
	}

	/**
	 * Stops taking requests; the partition at hand stops at its next chunk boundary and
	 * is handed back. Waits for that, so that the state database stays open meanwhile.
	 */
	@Override
	public void stop() {
		stopping = true;
		StepExecution partition = current;
		if (partition != null) {
			log.info("Stopping: {} stops at its next chunk and goes back to the queue", partition.getStepName());
			partition.setTerminateOnly();
		}
		try {
			if (!ended.await(10, TimeUnit.MINUTES)) {
				log.warn("The partition at hand did not reach a chunk boundary in 10 minutes; stopping anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
