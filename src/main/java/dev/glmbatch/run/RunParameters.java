package dev.glmbatch.run;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What a run keeps in Spring Batch's tables: the names of its job parameters
 * (identifying: the input and a sequence number; the rest describe it) and of the texts
 * kept in its execution context. The starter writes them and the queries read them, so
 * their names live here once, with the encoding of {@link RunSettings}.
 */
final class RunParameters {

	static final String INPUT = "input.path";

	static final String SEQUENCE = "run.seq";

	static final String CHECKSUM = "input.sha256";

	static final String OUTPUT = "output.path";

	static final String REJECTS = "rejects.path";

	static final String JOB_FILE = "job.file";

	/**
	 * For a retry run, the run whose rejected rows it retries; the rows that run accepted
	 * keep their results.
	 */
	static final String RETRY_OF = "retry.of";

	/**
	 * The input's data rows as inspected when the run started; the checksum guard keeps
	 * it exact on resume.
	 */
	static final String INPUT_ROWS = "input.rows";

	/** The run's {@link RunSettings}, as non-identifying parameters of each execution. */
	static final String BASE_URL = "glm.base-url";

	static final String DIALECT = "glm.dialect";

	static final String MAX_IN_FLIGHT = "glm.max-in-flight";

	static final String CONCURRENCY = "run.concurrency";

	static final String SIMULATED = "glm.simulated";

	/**
	 * Set ({@code true}) on a run that forces fresh answers ({@code --no-reuse} or
	 * {@code reuse: false}): its resumes keep doing so whatever the job file says then.
	 */
	static final String NO_REUSE = "run.no-reuse";

	/**
	 * The partitions of a distributed run ({@code run --distributed}); absent when one
	 * process works every row.
	 */
	static final String PARTITIONS = "run.partitions";

	private static final Set<String> SETTINGS = Set.of(BASE_URL, DIALECT, MAX_IN_FLIGHT, CONCURRENCY, SIMULATED);

	/** Why an execution failed or stopped, in one line, kept in its execution context. */
	static final String REASON_KEY = "run.reason";

	/** How to resume a failed or stopped run, kept in its execution context. */
	static final String RESUME_KEY = "run.resumeCommand";

	/**
	 * The SHA-256 of the output file as the completed execution left it, kept in its
	 * execution context.
	 */
	static final String OUTPUT_CHECKSUM_KEY = "output.sha256";

	private RunParameters() {
	}

	/** The settings a run was last executed with, as its parameters keep them. */
	static RunSettings settingsOf(JobParameters params) {
		Long maxInFlight = params.getLong(MAX_IN_FLIGHT);
		Long concurrency = params.getLong(CONCURRENCY);
		return new RunSettings(params.getString(BASE_URL), params.getString(DIALECT),
				(maxInFlight != null) ? Math.toIntExact(maxInFlight) : null,
				(concurrency != null) ? Math.toIntExact(concurrency) : null,
				"true".equals(params.getString(SIMULATED)));
	}

	/**
	 * The parameters of a run distributed in {@code partitions} partitions; unchanged
	 * when {@code partitions} is 0, so that a resume runs as the run started.
	 */
	static JobParameters withPartitions(JobParameters params, int partitions) {
		if (partitions == 0) {
			return params;
		}
		return new JobParametersBuilder(params).addLong(PARTITIONS, (long) partitions, false).toJobParameters();
	}

	/** The partitions of a distributed run; 0 when one process works every row. */
	static int partitionsOf(JobParameters params) {
		Long partitions = params.getLong(PARTITIONS);
		return (partitions == null) ? 0 : Math.toIntExact(partitions);
	}

	/** The parameters with their settings replaced by {@code settings}. */
	static JobParameters withSettings(JobParameters params, RunSettings settings) {
		Set<JobParameter<?>> others = new HashSet<>();
		params.forEach(param -> {
			if (!SETTINGS.contains(param.name())) {
				others.add(param);
			}
		});
		JobParametersBuilder builder = new JobParametersBuilder(new JobParameters(others));
		if (settings.baseUrl() != null) {
			builder.addString(BASE_URL, settings.baseUrl(), false);
		}
		if (settings.dialect() != null) {
			builder.addString(DIALECT, settings.dialect(), false);
		}
		if (settings.maxInFlight() != null) {
			builder.addLong(MAX_IN_FLIGHT, settings.maxInFlight().longValue(), false);
		}
		if (settings.concurrency() != null) {
			builder.addLong(CONCURRENCY, settings.concurrency().longValue(), false);
		}
		if (settings.simulated()) {
			builder.addString(SIMULATED, "true", false);
		}
		return builder.toJobParameters();
	}

	/**
	 * The job as a resume of the run runs it: forcing fresh answers if the run or the
	 * resume does.
	 */
	static JobDefinition reuseOf(JobDefinition definition, JobParameters params) {
		return "true".equals(params.getString(NO_REUSE)) ? definition.withReuse(false) : definition;
	}

	/** The parameters marked as forcing fresh answers when the job does. */
	static JobParameters withReuseOf(JobParameters params, JobDefinition definition) {
		return definition.reuse() ? params
				: new JobParametersBuilder(params).addString(NO_REUSE, "true", false).toJobParameters();
	}

	/**
	 * The job writing in the format of the output file its run started with: a run
	 * started with another output path (the command line's {@code --output}) keeps that
	 * file's format when it is resumed without it. Unchanged when the file names no
	 * format the job could write.
	 */
	static JobDefinition inFormatOf(JobDefinition definition, JobParameters params) {
		Path output = Path.of(params.getString(OUTPUT));
		OutputSpec spec = definition.output();
		OutputFormat format = spec.formatFor(output);
		if (format == null || format == spec.format() || (spec.intoWorkbook() && format != OutputFormat.XLSX)) {
			return definition;
		}
		return definition.withOutput(spec.withPath(output));
	}

	/** A text kept in the execution's context, or {@code null}. */
	static @Nullable String kept(JobExecution execution, String key) {
		String value = execution.getExecutionContext().getString(key, "");
		return value.isEmpty() ? null : value;
	}

}
