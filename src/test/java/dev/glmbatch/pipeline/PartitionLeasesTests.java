package dev.glmbatch.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import dev.glmbatch.run.StateDatabase;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A partition whose worker stopped renewing its lease while it held the partition's row
 * in an open transaction (a paused process, or a host cut off from the network, keeps its
 * transactions open): the manager ends that worker's sessions, and so can fail the
 * partition instead of waiting for the lock forever. On PostgreSQL, the only database
 * distributed runs use.
 */
class PartitionLeasesTests extends AbstractApplicationTests {

	private static final String WORKER = "4242@paused-host";

	@Override
	protected String database() {
		return TestDatabases.POSTGRESQL;
	}

	@BeforeEach
	void needsPostgres() {
		assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.POSTGRES_URL + " names no PostgreSQL server");
	}

	@Test
	void aStaleWorkersLockedPartitionIsFailedAndItsSessionsEnded() throws Exception {
		runs();
		try (Connection connection = TestDatabases.postgresConnection();
				PreparedStatement named = connection
					.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
			named.setString(1, StateDatabase.sessionName());
			try (ResultSet sessions = named.executeQuery()) {
				assertThat(sessions.next()).isTrue();
				assertThat(sessions.getInt(1)).as("the application's sessions, named after its process").isPositive();
			}
		}
		JobRepository repository = application.bean(JobRepository.class);
		DataSource dataSource = application.bean(DataSource.class);
		JobInstance instance = repository.createJobInstance("paused-" + System.nanoTime(), new JobParameters());
		JobExecution job = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
		StepExecution partition = repository.createStepExecution("partition001", job);
		partition.getExecutionContext().putLong(StoredInput.FIRST_ROW, 1);
		partition.getExecutionContext().putLong(StoredInput.LAST_ROW, 100);
		partition.setStatus(BatchStatus.STARTED);
		repository.update(partition);
		PartitionLeases leases = new PartitionLeases(dataSource, repository);
		leases.take(partition, WORKER);
		new JdbcTemplate(dataSource)
			.update("UPDATE GLMB_PARTITION SET HEARTBEAT_AT = CURRENT_TIMESTAMP - INTERVAL '1 minute'"
					+ " WHERE STEP_EXECUTION_ID = ?", partition.getId());

		try (Connection paused = workerSession()) {
			paused.setAutoCommit(false);
			try (PreparedStatement chunk = paused
				.prepareStatement("UPDATE BATCH_STEP_EXECUTION SET COMMIT_COUNT = 1 WHERE STEP_EXECUTION_ID = ?")) {
				chunk.setLong(1, partition.getId());
				assertThat(chunk.executeUpdate()).isEqualTo(1);
			}

			assertTimeoutPreemptively(Duration.ofSeconds(30), () -> leases.reap(job.getId(), false),
					"the reaper waited for the paused worker's lock");

			StepExecution reaped = repository.getStepExecution(partition.getId());
			assertThat(reaped).isNotNull();
			assertThat(reaped.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(reaped.getExitStatus().getExitCode()).isEqualTo(PartitionLeases.LOST);
			assertThat(reaped.getCommitCount()).as("the paused worker's chunk never committed").isZero();
			assertThat(leases.live(job.getId())).isZero();
			assertThatExceptionOfType(SQLException.class).as("the paused worker's session")
				.isThrownBy(() -> paused.commit());
		}
	}

	/** A session named as the worker's own process names its sessions. */
	private static Connection workerSession() throws SQLException {
		Connection connection = TestDatabases.postgresConnection();
		try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
			name.setString(1, PartitionLeases.sessionOf(WORKER));
			name.execute();
		}
		return connection;
	}

}
