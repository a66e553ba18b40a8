package dev.glmbatch.run;

import java.util.Optional;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.PartitionLeases;
import dev.glmbatch.pipeline.PartitionQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partition requests a worker takes: the oldest one, with its partition leased to the
 * worker in the same transaction, so that no two workers take one partition and none
 * takes a partition without its lease. A request whose partition is no longer waiting
 * (its run stopped, failed or was taken over since) is dropped; one for a partition of a
 * run that is stopping also stops that partition.
 */
final class PartitionRequests {

	private static final Logger log = LoggerFactory.getLogger(PartitionRequests.class);

	private final PartitionQueue queue;

	private final JobRepository jobRepository;

	private final PartitionLeases leases;

	private final TransactionTemplate transactions;

	PartitionRequests(DataSource dataSource, JobRepository jobRepository, PartitionLeases leases,
			PlatformTransactionManager transactionManager) {
		this.queue = new PartitionQueue(dataSource);
		this.jobRepository = jobRepository;
		this.leases = leases;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Takes the oldest request and leases its partition to a worker.
	 * @return the partition to work, if a request for a waiting one was there
	 */
	Optional<StepExecution> take(String worker) {
		Optional<StepExecution> taken = transactions.execute(status -> Optional.ofNullable(claim(worker)));
		return (taken != null) ? taken : Optional.empty();
	}

	private @Nullable StepExecution claim(String worker) {
		StepExecutionRequest request = queue.claim();
		if (request == null) {
			return null;
		}
		StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
		if (partition == null) {
			log.info("Dropped the request for step execution {}: it no longer exists", request.getStepExecutionId());
			return null;
		}
		BatchStatus job = partition.getJobExecution().getStatus();
		if (partition.getStatus() != BatchStatus.STARTING
				|| (job != BatchStatus.STARTED && job != BatchStatus.STARTING)) {
			if (partition.getStatus() == BatchStatus.STARTING
					&& (job == BatchStatus.STOPPING || job == BatchStatus.STOPPED)) {
				leases.end(partition.getId(), BatchStatus.STOPPED, "the run stopped before a worker took it");
			}
			log.info("Dropped the request for {} of run {}: the partition is {} and its run {}",
					partition.getStepName(), partition.getJobExecution().getJobInstance().getInstanceId(),
					partition.getStatus(), job);
			return null;
		}
		leases.take(partition, worker);
		return partition;
	}

}
