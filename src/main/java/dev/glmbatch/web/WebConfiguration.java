package dev.glmbatch.web;

import java.net.InetAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The service's web wiring: refuses to start an unauthenticated API on a reachable
 * address, and installs the token check when a token is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
@EnableConfigurationProperties(ApiProperties.class)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiProperties api, ServerProperties server) {
		@Nullable InetAddress bound = server.getAddress();
		api.requireTokenUnlessLoopback(bound);
		FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
				new ApiTokenFilter(api.hasToken() ? Objects.requireNonNull(api.token()) : ""));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		// without a token (loopback only), the filter is present but off
		registration.setEnabled(api.hasToken());
		return registration;
	}

}
