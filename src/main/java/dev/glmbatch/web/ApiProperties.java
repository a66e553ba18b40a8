package dev.glmbatch.web;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the service's API.
 *
 * @param token the bearer token every call to {@code /api} and {@code /actuator} (health
 * aside) must carry; required when the server is bound to an address other than loopback,
 * optional otherwise
 */
@ConfigurationProperties(ApiProperties.PREFIX)
public record ApiProperties(@Nullable String token) {

	public static final String PREFIX = "glmbatch.service";

	boolean hasToken() {
		return token != null && !token.isBlank();
	}

	/**
	 * Refuses an open API on a reachable address: every API call could start paid work.
	 */
	void requireTokenUnlessLoopback(@Nullable InetAddress bound) {
		boolean loopback = bound != null && bound.isLoopbackAddress();
		if (!loopback && !hasToken()) {
			throw new IllegalStateException(
					"The service is bound to " + (bound == null ? "every address" : bound.getHostAddress())
							+ ", so its API needs a token: set glmbatch.service.token (e.g. in the environment as"
							+ " GLMBATCH_SERVICE_TOKEN), or bind to 127.0.0.1 (serve --bind 127.0.0.1).");
		}
	}

	@Override
	public String toString() {
		return "ApiProperties[token=" + (hasToken() ? "****" : "none") + "]";
	}

}
