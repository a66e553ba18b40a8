package dev.glmbatch.run.permit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How processes on one PostgreSQL state database share the account's in-flight limit
 * ({@code glmbatch.permits.*}).
 *
 * @param enabled whether they share it; {@code false} lets each process keep its own
 * limit, as with an embedded H2 database (several processes then overrun the account's
 * limit together)
 * @param lease how long a permit stays with a process that stops renewing it: a process
 * killed without a goodbye gives its permits back after this long
 * @param renewal how often a process renews its leases and reads the limit and the other
 * processes' wants; well below {@code lease}
 */
@ConfigurationProperties(PermitProperties.PREFIX)
public record PermitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration lease,
		@DefaultValue("1s") Duration renewal) {

	public static final String PREFIX = "glmbatch.permits";

	public PermitProperties {
		if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(PREFIX + ".lease must be at least 1s, was " + lease);
		}
		if (renewal.isNegative() || renewal.isZero() || renewal.multipliedBy(3).compareTo(lease) > 0) {
			throw new IllegalArgumentException(
					PREFIX + ".renewal must be positive and at most a third of the lease, was " + renewal);
		}
	}

}
