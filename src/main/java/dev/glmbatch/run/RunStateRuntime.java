package dev.glmbatch.run;

import java.time.Duration;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.JobAssembler;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A small Spring context for the commands that only read run state or signal a run ({@code list}, {@code status},
 * {@code stop}): the DataSource and the JDBC job repository as the full application has them, the staging tables and
 * {@link Runs} (which reads runs and signals a stop, and starts none), without the GLM client, the job operator,
 * metrics or schedules. It starts in a fraction of the full context's time, and it answers from the same database
 * with the same code.
 *
 * <p>The state wiring (where the state lives, the serializer, the clock, and the {@link BatchTablesInitializer} that
 * creates the Spring Batch tables in a new database, so that a read creates the same database a run would) is found
 * by package name, so this class does not depend on it.
 *
 * <p>Deliberately not a {@code @Configuration}: the full application scans this package, and must not pick up this
 * second job repository. Given to Spring as the application's source, it is still read as a configuration class.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class })
@EnableConfigurationProperties(BatchJdbcProperties.class)
@ComponentScan(basePackages = "dev.glmbatch.system")
public class RunStateRuntime {

	/** Made once the tables exist: {@code tables} is there to order the two. */
	@Bean
	JobRepository jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager,
			ExecutionContextSerializer serializer, BatchJdbcProperties properties, BatchTablesInitializer tables)
			throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactionManager);
		factory.setSerializer(serializer);
		if (properties.getTablePrefix() != null) {
			factory.setTablePrefix(properties.getTablePrefix());
		}
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	@Bean
	JobAssembler jobAssembler(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, @Value("${glmbatch.persistent-failure:5m}") Duration persistentFailure) {
		return new JobAssembler(jobRepository, transactionManager, dataSource, persistentFailure);
	}

	@Bean
	Runs runs(JobRepository jobRepository, JobAssembler assembler, DataSource dataSource, StateDatabase stateDatabase) {
		return new Runs(jobRepository, assembler, dataSource, stateDatabase);
	}

}
