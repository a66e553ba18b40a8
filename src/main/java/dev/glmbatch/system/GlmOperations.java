package dev.glmbatch.system;

import java.util.Set;
import java.util.TreeSet;

import dev.glmbatch.llm.LlmProbe;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.run.schedule.JobCatalogue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.glmbatch.run.schedule.ScheduleProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The service's view of GLM for operators: a health indicator that probes the endpoint
 * without a billable call, and per-model meters for calls in flight, the adaptive limit,
 * and 429 answers (1302/1303 rate limits, 1305 overload).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(ScheduleProperties.PREFIX + ".enabled")
class GlmOperations {

	/** Models with published limits; the models of the loaded jobs are added to them. */
	private static final Set<String> KNOWN_MODELS = Set.of("glm-4.5", "glm-4.5-air", "glm-4.5-x", "glm-4.5-airx",
			"glm-4.5-flash", "glm-4.6");

	/**
	 * GLM reachability without spending tokens; shown under /actuator/health as
	 * {@code glm}.
	 */
	@Bean
	HealthIndicator glmHealthIndicator(LlmProbe probe) {
		return () -> {
			LlmProbe.Reachability reachability = probe.probe();
			Health.Builder health = reachability.isUp() ? Health.up() : Health.down();
			return health.withDetail("glm", reachability.detail()).build();
		};
	}

	@Bean
	MeterBinder glmTrafficMeters(LlmTraffic traffic, JobCatalogue catalogue) {
		return registry -> bindTraffic(registry, traffic, catalogue);
	}

	private static void bindTraffic(MeterRegistry registry, LlmTraffic traffic, JobCatalogue catalogue) {
		Set<String> models = new TreeSet<>(KNOWN_MODELS);
		catalogue.entries()
			.stream()
			.filter(entry -> entry.job() != null)
			.forEach(entry -> models.add(entry.job().definition().model()));
		for (String model : models) {
			Gauge.builder("glmbatch.glm.in.flight", traffic, t -> t.traffic(model).inFlight())
				.description("GLM calls in flight")
				.tag("model", model)
				.register(registry);
			Gauge.builder("glmbatch.glm.limit", traffic, t -> t.traffic(model).limit())
				.description("Adaptive in-flight limit of the concurrency governor")
				.tag("model", model)
				.register(registry);
			FunctionCounter.builder("glmbatch.glm.rate.limited", traffic, t -> t.traffic(model).rateLimited())
				.description("Answers 1302/1303 (rate limited)")
				.tag("model", model)
				.register(registry);
			FunctionCounter.builder("glmbatch.glm.overloaded", traffic, t -> t.traffic(model).overloaded())
				.description("Answers 1305 (platform overloaded)")
				.tag("model", model)
				.register(registry);
		}
	}

}
