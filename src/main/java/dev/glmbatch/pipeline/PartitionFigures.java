package dev.glmbatch.pipeline;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.TrafficSnapshot;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a worker measured about the GLM calls of one partition, kept in the partition's
 * execution context when the partition ends, so that the manager of a distributed run,
 * which makes no call itself, can report the calls of all its workers: paid calls and
 * their latency, answers shared or found in the call ledger, and the account's answers
 * that slowed the calls down. Latencies travel as a compressed histogram of three
 * significant digits, which merges across partitions without keeping every call.
 */
public final class PartitionFigures implements StepExecutionListener {

	private static final String PAID = "calls.paid";

	private static final String DEDUPLICATED = "calls.deduplicated";

	private static final String LEDGER_HITS = "calls.ledgerHits";

	private static final String LIMIT = "calls.inFlightLimit";

	private static final String RATE_LIMITED = "calls.rateLimited";

	private static final String OVERLOADED = "calls.overloaded";

	private static final String RETRIES = "calls.retriesByCode";

	private static final String LATENCIES = "calls.latencyMicros";

	private static final int DIGITS = 3;

	private final RunMeter meter;

	private final LlmTraffic traffic;

	private final String model;

	private TrafficSnapshot before = TrafficSnapshot.EMPTY;

	PartitionFigures(RunMeter meter, LlmTraffic traffic, String model) {
		this.meter = meter;
		this.traffic = traffic;
		this.model = model;
	}

	@Override
	public void beforeStep(StepExecution partition) {
		before = traffic.traffic(model);
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution partition) {
		TrafficSnapshot during = traffic.traffic(model).minus(before);
		Histogram latencies = new Histogram(DIGITS);
		for (long micros : meter.latenciesMicros()) {
			latencies.recordValue(Math.max(0, micros));
		}
		ByteBuffer encoded = ByteBuffer.allocate(latencies.getNeededByteBufferCapacity());
		int length = latencies.encodeIntoCompressedByteBuffer(encoded);
		ExecutionContext context = partition.getExecutionContext();
		context.putLong(PAID, meter.paidCalls());
		context.putLong(DEDUPLICATED, meter.deduplicatedCalls());
		context.putLong(LEDGER_HITS, meter.ledgerHits());
		context.putInt(LIMIT, during.limit());
		context.putLong(RATE_LIMITED, during.rateLimited());
		context.putLong(OVERLOADED, during.overloaded());
		context.putString(RETRIES,
				during.faultsByCode()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map(retried -> retried.getKey() + "=" + retried.getValue())
					.collect(Collectors.joining(",")));
		context.putString(LATENCIES, Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), length)));
		return null;
	}

	/**
	 * The figures of the partitions that ended on a worker; those whose worker was lost
	 * kept none.
	 */
	public static Merged merge(Collection<StepExecution> partitions) {
		Histogram latencies = new Histogram(DIGITS);
		long paid = 0;
		long deduplicated = 0;
		long ledgerHits = 0;
		long rateLimited = 0;
		long overloaded = 0;
		int limit = 0;
		LocalDateTime lastEnd = LocalDateTime.MIN;
		Map<String, Long> retries = new LinkedHashMap<>();
		for (StepExecution partition : partitions) {
			ExecutionContext context = partition.getExecutionContext();
			if (!context.containsKey(LATENCIES)) {
				continue;
			}
			paid += context.getLong(PAID);
			deduplicated += context.getLong(DEDUPLICATED);
			ledgerHits += context.getLong(LEDGER_HITS);
			rateLimited += context.getLong(RATE_LIMITED);
			overloaded += context.getLong(OVERLOADED);
			LocalDateTime end = partition.getEndTime();
			if (end != null && !end.isBefore(lastEnd)) {
				lastEnd = end;
				limit = context.getInt(LIMIT);
			}
			for (String entry : context.getString(RETRIES).split(",")) {
				int equals = entry.indexOf('=');
				if (equals > 0) {
					retries.merge(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)), Long::sum);
				}
			}
			latencies.add(decode(context.getString(LATENCIES)));
		}
		return new Merged(paid, percentileMillis(latencies, 50), percentileMillis(latencies, 95),
				percentileMillis(latencies, 99), deduplicated, ledgerHits, limit, rateLimited, overloaded, retries);
	}

	private static Histogram decode(String encoded) {
		try {
			return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
		}
		catch (DataFormatException | IllegalArgumentException ex) {
			throw new IllegalStateException("A partition's latencies cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static double percentileMillis(Histogram latencies, double percent) {
		return (latencies.getTotalCount() == 0) ? 0 : latencies.getValueAtPercentile(percent) / 1000.0;
	}

	/**
	 * The partitions' figures together.
	 *
	 * @param paidCalls calls the workers paid
	 * @param latencyP50Millis median wall time of a paid call
	 * @param latencyP95Millis 95th percentile
	 * @param latencyP99Millis 99th percentile
	 * @param deduplicatedCalls calls not sent because an identical request was in flight
	 * @param ledgerHits answers found in the call ledger instead of paid
	 * @param inFlightLimit the adaptive in-flight limit when the last partition ended
	 * @param rateLimited attempts answered 1302 or 1303
	 * @param overloaded attempts answered 1305
	 * @param retriesByCode failed attempts per code
	 */
	public record Merged(long paidCalls, double latencyP50Millis, double latencyP95Millis, double latencyP99Millis,
			long deduplicatedCalls, long ledgerHits, int inFlightLimit, long rateLimited, long overloaded,
			Map<String, Long> retriesByCode) {

		public Merged {
			retriesByCode = Map.copyOf(retriesByCode);
		}

	}

}
