package dev.glmbatch.pipeline;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.TrafficSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figures of a distributed run's calls, as each partition keeps them in its execution
 * context and the manager adds them up: counts summed, latencies merged as one
 * distribution (not an average of the partitions' percentiles), the limit of the
 * partition that ended last, and nothing from a partition that kept none.
 */
class PartitionFiguresTests {

	private final JobExecution job = new JobExecution(1, new JobInstance(1, "spread"), new JobParameters());

	private final AtomicReference<TrafficSnapshot> traffic = new AtomicReference<>(TrafficSnapshot.EMPTY);

	private final LlmTraffic view = model -> traffic.get();

	@Test
	void partitionsAddUpAsOneRunWouldHaveMeasuredItsCalls() {
		StepExecution fast = partition(1, LocalDateTime.of(2026, 1, 1, 10, 0), 6, 1, 0, Map.of(), 10, 10, 10, 10);
		StepExecution slow = partition(2, LocalDateTime.of(2026, 1, 1, 10, 5), 4, 3, 2, Map.of("1302", 2L), 1000);
		StepExecution lost = new StepExecution(3, "process-partition:partition003", job);

		PartitionFigures.Merged merged = PartitionFigures.merge(List.of(slow, lost, fast));

		assertThat(merged.paidCalls()).isEqualTo(5);
		assertThat(merged.latencyP50Millis()).isCloseTo(10, within(0.1));
		assertThat(merged.latencyP99Millis()).isCloseTo(1000, within(1.0));
		assertThat(merged.rateLimited()).isEqualTo(4);
		assertThat(merged.overloaded()).isEqualTo(2);
		assertThat(merged.retriesByCode()).containsExactly(Map.entry("1302", 2L));
		assertThat(merged.inFlightLimit()).as("the limit when the last partition ended").isEqualTo(4);
	}

	@Test
	void noPartitionWithFiguresMeansNoCallsMeasured() {
		PartitionFigures.Merged merged = PartitionFigures
			.merge(List.of(new StepExecution(1, "process-partition:partition001", job)));
		assertThat(merged.paidCalls()).isZero();
		assertThat(merged.latencyP50Millis()).isZero();
		assertThat(merged.retriesByCode()).isEmpty();
	}

	/** A partition that ran its calls, taking the given milliseconds each, and ended. */
	private StepExecution partition(long id, LocalDateTime end, int limitAtEnd, long rateLimited, long overloaded,
			Map<String, Long> retries, long... callMillis) {
		RunMeter meter = new RunMeter();
		StepExecution partition = new StepExecution(id, "process-partition:partition00" + id, job);
		PartitionFigures figures = new PartitionFigures(meter, view, "glm-4.5-air");
		traffic.set(new TrafficSnapshot(8, 0, 100, 100, Map.of("1302", 5L)));
		figures.beforeStep(partition);
		for (long millis : callMillis) {
			meter.paidCall(millis * 1_000_000);
		}
		Map<String, Long> faults = new HashMap<>(Map.of("1302", 5L));
		retries.forEach((code, count) -> faults.merge(code, count, Long::sum));
		traffic.set(new TrafficSnapshot(limitAtEnd, 0, 100 + rateLimited, 100 + overloaded, faults));
		partition.setEndTime(end);
		figures.afterStep(partition);
		return partition;
	}

}
