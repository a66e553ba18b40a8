package dev.glmbatch.run.permit;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shares the account's in-flight limit among the processes on one PostgreSQL state
 * database, unless {@code glmbatch.permits.enabled=false}. An embedded H2 database has
 * one process, which keeps the limit in memory, without a database round trip.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PermitProperties.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:') and '${" + PermitProperties.PREFIX
		+ ".enabled:true}' == 'true'")
class PermitConfiguration {

	/**
	 * The shared limit of the configured account (endpoint and API key); Spring closes it
	 * on shutdown, giving its permits back.
	 */
	@Bean
	JdbcSharedInFlightLimit sharedInFlightLimit(DataSource dataSource, PermitProperties properties,
			@Value("${glm.base-url:}") String baseUrl, @Value("${glm.api-key:}") String apiKey) {
		return new JdbcSharedInFlightLimit(dataSource, baseUrl + "\n" + apiKey, properties);
	}

}
