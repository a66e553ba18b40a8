package dev.glmbatch.run.schedule;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Which service process fires the schedules: on PostgreSQL, where several service
 * processes may share the state database, the one that holds the leader's lock; on
 * embedded H2, which one process opens, that process. Present only when running as the
 * service ({@code serve}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(ScheduleProperties.PREFIX + ".enabled")
class LeaderConfiguration {

	/** Whether the state database is PostgreSQL, as Spring's expressions read it. */
	private static final String POSTGRESQL = "'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')";

	/** This process as its JVM names it: {@code pid@host}, as the run locks name it. */
	private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

	@Bean
	ScheduleFires scheduleFires(DataSource dataSource, Leadership leadership, Clock clock) {
		return new ScheduleFires(dataSource, leadership.process(), clock);
	}

	/**
	 * Who leads, under {@code leadership} in {@code /actuator/info}: whether this process
	 * does, its name, and the name of the process that leads (none for a moment after a
	 * leader died).
	 */
	@Bean
	InfoContributor leadershipInfo(Leadership leadership) {
		return builder -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("leads", leadership.leads());
			details.put("process", leadership.process());
			leadership.leader().ifPresent(leader -> details.put("leader", leader));
			builder.withDetail("leadership", details);
		};
	}

	/**
	 * Conditions of its own: component scanning finds a nested configuration without its
	 * enclosing class's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ScheduleProperties.PREFIX + ".enabled")
	@ConditionalOnExpression(POSTGRESQL)
	static class Elected {

		@Bean
		DefaultLockRepository leaderLockRepository(DataSource dataSource, PlatformTransactionManager transactions) {
			return lockRepository(dataSource, transactions, LockLeadership.REGION, PROCESS, true);
		}

		@Bean
		JdbcLockRegistry leaderLockRegistry(DefaultLockRepository repository, ScheduleProperties properties) {
			return lockRegistry(repository, properties.leader());
		}

		@Bean
		Leadership leadership(JdbcLockRegistry registry, ScheduleProperties properties, DataSource dataSource,
				ApplicationEventPublisher events) {
			return new LockLeadership(registry, LockLeadership.REGION, properties.leader(), PROCESS, dataSource,
					events);
		}

	}

	/**
	 * The lock table {@code GLMB_LOCK} of migration 7, in a process's name. On PostgreSQL
	 * a lock already held is not inserted again rather than refused with an error, which
	 * the server would log at every try of every process that does not lead.
	 */
	static DefaultLockRepository lockRepository(DataSource dataSource, PlatformTransactionManager transactions,
			String region, String process, boolean postgresql) {
		DefaultLockRepository repository = new DefaultLockRepository(dataSource, process);
		repository.setPrefix("GLMB_");
		repository.setRegion(region);
		repository.setTransactionManager(transactions);
		if (postgresql) {
			repository.setInsertQuery(repository.getInsertQuery() + " ON CONFLICT DO NOTHING");
		}
		return repository;
	}

	/**
	 * Locks that last the lease; a process that does not lead tries the lock once a
	 * heartbeat.
	 */
	static JdbcLockRegistry lockRegistry(DefaultLockRepository repository, ScheduleProperties.Leader leader) {
		JdbcLockRegistry registry = new JdbcLockRegistry(repository, leader.lease());
		registry.setIdleBetweenTries(leader.heartbeat());
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ScheduleProperties.PREFIX + ".enabled")
	@ConditionalOnExpression("!(" + POSTGRESQL + ")")
	static class Sole {

		@Bean
		Leadership leadership() {
			return new SoleProcess(PROCESS);
		}

	}

}
