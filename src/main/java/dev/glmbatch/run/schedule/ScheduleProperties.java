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
 * @param leader how service processes sharing a PostgreSQL state database elect the one
 * that fires the schedules
 */
@ConfigurationProperties(ScheduleProperties.PREFIX)
public record ScheduleProperties(@DefaultValue("false") boolean enabled, @DefaultValue("jobs") Path jobs,
		@DefaultValue("5s") Duration reloadInterval, @DefaultValue("2m") Duration shutdownWait,
		@DefaultValue Leader leader) {

	public static final String PREFIX = "glmbatch.service";

	/**
	 * The leader's lease ({@code glmbatch.service.leader.*}).
	 *
	 * @param lease how long the leader's lock lasts without renewal: when the leader dies
	 * without a goodbye, another process leads within this time and one heartbeat
	 * @param heartbeat how often the leader renews its lock, and how often the other
	 * processes try to take it; at most a third of the lease, so that a late renewal or
	 * two do not lose the lead
	 */
	public record Leader(@DefaultValue("20s") Duration lease, @DefaultValue("5s") Duration heartbeat) {

		public Leader {
			if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException(PREFIX + ".leader.lease must be at least 1s, was " + lease);
			}
			if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.multipliedBy(3).compareTo(lease) > 0) {
				throw new IllegalArgumentException(PREFIX
						+ ".leader.heartbeat must be positive and at most a third of the lease, was " + heartbeat);
			}
		}

	}

}
