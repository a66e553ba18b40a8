package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service's schedules ({@code serve}).
 *
 * @param enabled whether this process runs as the service; set by {@code serve}
 * @param jobs the folder of job files, searched for {@code *.yaml} and {@code *.yml}
 * @param reloadInterval how often job files are checked for changes
 * @param shutdownWait how long shutdown waits for running runs to reach a chunk boundary
 */
@ConfigurationProperties(ScheduleProperties.PREFIX)
public record ScheduleProperties(@DefaultValue("false") boolean enabled, @DefaultValue("jobs") Path jobs,
		@DefaultValue("5s") Duration reloadInterval, @DefaultValue("2m") Duration shutdownWait) {

	public static final String PREFIX = "glmbatch.service";

}
