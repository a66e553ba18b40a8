package dev.glmbatch.run;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.JobAssembler;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A small Spring context for {@code stop}, and for {@code list} and {@code status} on a
 * state database an earlier version made (they read with {@link RunStateReader}, without
 * Spring, unless the database lacks columns they read, which this context adds): the
 * DataSource and the JDBC job repository as the full application has them, the staging
 * tables, {@link Runs} and {@link RunExports}, without the GLM client, the job operator,
 * metrics or schedules. It starts in a fraction of the full context's time, and it
 * answers from the same database with the same code.
 *
 * <p>
 * Flyway migrates the state database first, as in the full application, so that a read
 * creates or upgrades the same database a run would; but only when the database is behind
 * ({@link StateSchemaVersion}): building Flyway costs more than the whole read, so on a
 * database that is up to date it is not built at all. The state wiring (where the state
 * lives, the serializer, the clock, and where Flyway baselines a database made before
 * migrations) is found by package name, so this class does not depend on it.
 *
 * <p>
 * Deliberately not a {@code @Configuration}: the full application scans this package, and
 * must not pick up this second job repository. Given to Spring as the application's
 * source, it is still read as a configuration class.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		FlywayAutoConfiguration.class })
@EnableConfigurationProperties(BatchJdbcProperties.class)
@ComponentScan(basePackages = "dev.glmbatch.system")
public class RunStateRuntime {

	/**
	 * Makes Spring Boot's Flyway beans lazy, and lets the job repository, which Boot
	 * would have wait for them, ask for them itself (see {@link #jobRepository}). Static:
	 * it changes bean definitions before any bean is made.
	 */
	@Bean
	static BeanFactoryPostProcessor flywayOnlyWhenBehind() {
		return new FlywayOnlyWhenBehind();
	}

	/**
	 * Made once the tables exist: the migrations run first when the database is behind.
	 */
	@Bean
	JobRepository jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager,
			ExecutionContextSerializer serializer, BatchJdbcProperties properties,
			ObjectProvider<FlywayMigrationInitializer> migrations) throws Exception {
		if (!StateSchemaVersion.isCurrent(dataSource)) {
			migrations.getObject();
		}
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
		// this context runs no job: whether runs re-use answers does not matter here
		return new JobAssembler(jobRepository, transactionManager, dataSource, persistentFailure, true);
	}

	@Bean
	Runs runs(JobRepository jobRepository, JobAssembler assembler, DataSource dataSource, StateDatabase stateDatabase) {
		return new Runs(jobRepository, assembler, dataSource, stateDatabase);
	}

	@Bean
	RunExports runExports(JobRepository jobRepository, JobAssembler assembler, StateDatabase stateDatabase) {
		return new RunExports(jobRepository, assembler, stateDatabase);
	}

	/**
	 * Runs after Spring Boot's post-processor that makes the job repository depend on the
	 * migrations.
	 */
	private static final class FlywayOnlyWhenBehind implements BeanFactoryPostProcessor, Ordered {

		private static final List<String> FLYWAY_BEANS = List.of("flyway", "flywayInitializer");

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			for (String name : FLYWAY_BEANS) {
				beanFactory.getBeanDefinition(name).setLazyInit(true);
			}
			for (String name : beanFactory.getBeanNamesForType(JobRepository.class, true, false)) {
				BeanDefinition repository = beanFactory.getBeanDefinition(name);
				String[] dependsOn = repository.getDependsOn();
				if (dependsOn != null) {
					repository.setDependsOn(Arrays.stream(dependsOn)
						.filter(bean -> !FLYWAY_BEANS.contains(bean))
						.toArray(String[]::new));
				}
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
