package dev.glmbatch.run.schedule;

import java.time.Clock;

import javax.sql.DataSource;

import dev.glmbatch.run.Runs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's catalogue, launcher and schedules; present only when running as the service ({@code serve}). */
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

	@Bean
	RunLauncher runLauncher(Runs runs, RequestedRuns requestedRuns, Clock clock, MeterRegistry registry) {
		return new RunLauncher(runs, requestedRuns, clock, activeRuns -> new RunMetrics(registry, activeRuns));
	}

	@Bean
	JobSchedules jobSchedules(JobCatalogue catalogue, RunLauncher launcher, RequestedRuns requestedRuns,
			ScheduleProperties properties) {
		return new JobSchedules(catalogue, launcher, requestedRuns, properties);
	}

}
