package dev.glmbatch.system;

import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.glmbatch.pipeline.PartitionLeases;
import dev.glmbatch.run.MigrateWhenBehind;
import dev.glmbatch.run.RunStateReader;
import dev.glmbatch.run.StateDatabase;
import dev.glmbatch.run.StateSchemaMigrations;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the run state: the JDBC job repository on the application DataSource (H2 file by
 * default, PostgreSQL by configuration), stored as JSON rather than Java serialization.
 */
@Configuration(proxyBeanMethods = false)
class StateDatabaseConfiguration {

	private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;:]+(?::[^;]+)?)(;.*)?$");

	@Bean
	StateDatabase stateDatabase(@Value("${spring.datasource.url}") String url, JobRepository jobRepository,
			DataSource dataSource) {
		// a resourceless repository would silently lose every checkpoint
		if (jobRepository.getClass().getSimpleName().contains("Resourceless")) {
			throw new IllegalStateException("The job repository is not JDBC-backed: restart would not work");
		}
		Matcher h2 = H2_FILE.matcher(url);
		if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
				&& h2.matches()) {
			Path file = Path.of(h2.group(1) + ".mv.db").toAbsolutePath().normalize();
			return new StateDatabase(url, file, true);
		}
		return new StateDatabase(url.replaceAll("password=[^&;]*", "password=***"), null,
				url.startsWith("jdbc:h2:mem:"));
	}

	/**
	 * Fits the migrations of {@code db/migration/common}, run at every start by Spring
	 * Boot ({@code spring.flyway.*}), to the database at hand, and says where Flyway
	 * baselines a state database made before its schema was migrated.
	 */
	@Bean
	StateSchemaMigrations stateSchemaMigrations() {
		return new StateSchemaMigrations();
	}

	/**
	 * Runs those migrations only when the database is behind them, and refuses one that a
	 * newer glm-batch has migrated further.
	 */
	@Bean
	MigrateWhenBehind migrateWhenBehind() {
		return new MigrateWhenBehind();
	}

	/**
	 * Names this process's sessions on PostgreSQL after it ({@code application_name}), so
	 * that a manager can end the sessions of a worker that stopped renewing its lease
	 * ({@link PartitionLeases}), and so that a database administrator sees whose they
	 * are.
	 */
	@Bean
	static BeanPostProcessor stateSessionNames() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
						&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
					pool.addDataSourceProperty("ApplicationName", StateDatabase.sessionName());
				}
				return bean;
			}

		};
	}

	@Bean
	ExecutionContextSerializer executionContextSerializer() {
		return RunStateReader.contextSerializer();
	}

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
