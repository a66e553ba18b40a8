package dev.glmbatch.run.schedule;

import java.time.Clock;

import javax.sql.DataSource;

import dev.glmbatch.run.ActiveRuns;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.Runs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's catalogue, launcher and schedules; present only when running as the
 * service ({@code serve}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(ScheduleProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

	@Bean
	JobCatalogue jobCatalogue(ScheduleProperties properties) {
		return new JobCatalogue(properties.jobs());
	}

	@Bean
	RequestedRuns requestedRuns(DataSource dataSource) {
		return new RequestedRuns(dataSource);
	}

	/**
	 * A {@code MeterBinder}: its gauge is bound by the registry like every other meter
	 * binder.
	 */
	@Bean
	BusyJobs busyJobs() {
		return new BusyJobs();
	}

	@Bean
	RunLauncher runLauncher(RunOperator operator, Runs runs, ActiveRuns activeRuns, RequestedRuns requestedRuns,
			BusyJobs busyJobs, Clock clock, MeterRegistry registry) {
		return new RunLauncher(operator, runs, activeRuns, requestedRuns, busyJobs, clock, new RunMetrics(registry));
	}

	@Bean
	JobSchedules jobSchedules(JobCatalogue catalogue, RunLauncher launcher, RequestedRuns requestedRuns,
			ScheduleFires fires, Leadership leadership, ScheduleProperties properties) {
		return new JobSchedules(catalogue, launcher, requestedRuns, fires, leadership, properties);
	}

}
