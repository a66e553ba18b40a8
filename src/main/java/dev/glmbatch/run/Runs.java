package dev.glmbatch.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.LlmException;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.pipeline.ConfigurationProblemException;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.pipeline.RunMeter;
import dev.glmbatch.pipeline.RunSession;
import dev.glmbatch.pipeline.ResultStaging.RunTotals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts, resumes, stops and describes runs. A run is a Spring Batch job instance identified by the job name, the
 * input file and a sequence number; each start or resume of it is an execution.
 *
 * <p>Several runs may execute at once on different threads (the service runs one per job); a stop request names one
 * run, or all of them ({@link #stopActive()}).
 *
 * <p>{@link #run} resumes the latest unfinished run of the same job and input (failed, stopped, or left running by a
 * dead process), refuses to resume when the input changed, and starts a new run otherwise.
 */
@Component
public class Runs {

	private static final Logger log = LoggerFactory.getLogger(Runs.class);

	static final String INPUT = "input.path";

	static final String SEQUENCE = "run.seq";

	static final String CHECKSUM = "input.sha256";

	static final String OUTPUT = "output.path";

	static final String REJECTS = "rejects.path";

	static final String JOB_FILE = "job.file";

	/** The input's data rows as inspected when the run started; the checksum guard keeps it exact on resume. */
	static final String INPUT_ROWS = "input.rows";

	/** The run's {@link RunSettings}, as non-identifying parameters of each execution. */
	static final String BASE_URL = "glm.base-url";

	static final String DIALECT = "glm.dialect";

	static final String MAX_IN_FLIGHT = "glm.max-in-flight";

	static final String CONCURRENCY = "run.concurrency";

	static final String SIMULATED = "glm.simulated";

	private static final Set<String> SETTINGS = Set.of(BASE_URL, DIALECT, MAX_IN_FLIGHT, CONCURRENCY, SIMULATED);

	/** Why an execution failed or stopped, in one line, kept in its execution context. */
	static final String REASON_KEY = "run.reason";

	/** How to resume a failed or stopped run, kept in its execution context. */
	static final String RESUME_KEY = "run.resumeCommand";

	/** The SHA-256 of the output file as the completed execution left it, kept in its execution context. */
	static final String OUTPUT_CHECKSUM_KEY = "output.sha256";

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final JobAssembler assembler;

	private final LlmClient client;

	private final LlmTraffic traffic;

	private final DataSource dataSource;

	private final StateDatabase stateDatabase;

	private final Clock clock;

	private final ModelCatalog models;

	private final Object activeMonitor = new Object();

	/** The runs this process is executing (the command line has one; the service one per job); guarded. */
	private final Set<ActiveRun> active = new HashSet<>();

	/** Set by {@link #stopActive()}: also stops runs that are still starting; cleared when none is left. */
	private volatile boolean stopRequested;

	public Runs(JobRepository jobRepository, JobOperator jobOperator, JobAssembler assembler, LlmClient client,
			LlmTraffic traffic, DataSource dataSource, StateDatabase stateDatabase, Clock clock, ModelCatalog models) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.assembler = assembler;
		this.client = client;
		this.traffic = traffic;
		this.dataSource = dataSource;
		this.stateDatabase = stateDatabase;
		this.clock = clock;
		this.models = models;
	}

	public StateDatabase stateDatabase() {
		return stateDatabase;
	}

	/**
	 * Runs a job: resumes its unfinished run for the same input, or starts a new one.
	 * @throws RunRefusedException when resuming would be wrong (changed input, run held by a live process)
	 * @throws InputFormatException when the input cannot be read
	 */
	public RunOutcome run(JobDefinition definition, RunOptions options) {
		return run(definition, options, runId -> {
		});
	}

	/**
	 * Like {@link #run(JobDefinition, RunOptions)}, and tells {@code onStarted} the run id as soon as the run has one
	 * (before its first chunk), on the calling thread. Not called when the run had already completed.
	 */
	public RunOutcome run(JobDefinition definition, RunOptions options, LongConsumer onStarted) {
		Path input = definition.input().path();
		List<JobInstance> earlier = instancesFor(definition.name(), input);
		Optional<JobInstance> latest = earlier.stream().findFirst();
		JobExecution last = latest.map(jobRepository::getLastJobExecution).orElse(null);
		boolean resumable = !options.forceNew() && last != null && last.getStatus() != BatchStatus.COMPLETED
				&& last.getStatus() != BatchStatus.ABANDONED;
		// a run resumes in the format of the file it started writing, so that is the one to check
		JobDefinition checked = resumable ? inFormatOf(definition, Path.of(last.getJobParameters().getString(OUTPUT)))
				: definition;
		InputInspection inspection = JobCheck.of(checked).inspection();
		if (!options.forceNew() && latest.isPresent() && last != null) {
			JobParameters params = last.getJobParameters();
			boolean sameInput = inspection.sha256().equals(params.getString(CHECKSUM));
			BatchStatus status = last.getStatus();
			if (status == BatchStatus.COMPLETED && sameInput) {
				return alreadyCompleted(last);
			}
			if (status != BatchStatus.COMPLETED && status != BatchStatus.ABANDONED) {
				if (!sameInput) {
					throw new RunRefusedException("Run " + latest.get().getInstanceId() + " of job '"
							+ definition.name() + "' is unfinished, but " + input
							+ " has changed since it started (checksum " + abbreviate(params.getString(CHECKSUM))
							+ " then, " + abbreviate(inspection.sha256())
							+ " now). Restore the original file to resume it, or add --new to start over"
							+ " (answers already paid for that run are not re-used).");
				}
				RunSettings settings = settingsOf(params).overriddenBy(options.settings());
				return execute(definition, inspection, withSettings(params, settings), true, options, onStarted);
			}
		}
		long sequence = earlier.stream()
			.map(instance -> jobRepository.getLastJobExecution(instance))
			.filter(Objects::nonNull)
			.mapToLong(execution -> execution.getJobParameters().getLong(SEQUENCE, 0L))
			.max()
			.orElse(0L) + 1;
		LocalDate today = LocalDate.now(clock);
		String outputPath = definition.output().resolvePath(definition.name(), today).toString();
		requireOutputOfNoOtherInput(definition.name(), input, outputPath);
		if (!options.forceNew()) {
			requireOutputOfThisStateDatabase(definition.name(), Path.of(outputPath));
		}
		JobParameters params = new JobParametersBuilder().addString(INPUT, input.toString(), true)
			.addLong(SEQUENCE, sequence, true)
			.addString(CHECKSUM, inspection.sha256(), false)
			.addLong(INPUT_ROWS, inspection.dataRows(), false)
			.addString(OUTPUT, outputPath, false)
			.addString(REJECTS, definition.output().resolveRejectPath(definition.name(), today).toString(), false)
			.addString(JOB_FILE, definition.file().toString(), false)
			.toJobParameters();
		return execute(definition, inspection, withSettings(params, options.settings()), false, options, onStarted);
	}

	/**
	 * Refuses a new run whose output would replace the results of a completed run of the same job on another input
	 * file: an output path without {@code {input}}, given another {@code --input}.
	 */
	private void requireOutputOfNoOtherInput(String jobName, Path input, String outputPath) {
		if (!Files.exists(Path.of(outputPath))) {
			return;
		}
		for (JobInstance instance : jobRepository.findJobInstances(jobName)) {
			JobExecution last = jobRepository.getLastJobExecution(instance);
			if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
				continue;
			}
			JobParameters params = last.getJobParameters();
			String otherInput = params.getString(INPUT);
			if (outputPath.equals(params.getString(OUTPUT)) && otherInput != null
					&& !otherInput.equals(input.toString())) {
				throw new RunRefusedException(outputPath + " holds the results of run " + instance.getInstanceId()
						+ " of job '" + jobName + "' on " + otherInput + ", and this run of " + input
						+ " would replace them. Write this run elsewhere with --output FILE, or put {input} in the"
						+ " job's output path so that each input gets its own file (or move the file away first).");
			}
		}
	}

	/**
	 * Refuses a new run whose output file exists but was written by no run this state database knows: it may hold the
	 * results of a run kept in another state database (started with another {@code spring.datasource.url}, or by an
	 * earlier version that kept its state under the working directory), which a new run would pay for again and
	 * replace. {@code --new} (or {@code new=true} through the API) overwrites it.
	 */
	private void requireOutputOfThisStateDatabase(String jobName, Path output) {
		if (!Files.exists(output)) {
			return;
		}
		Integer known = new JdbcTemplate(dataSource).queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = ? AND PARAMETER_VALUE = ?",
				Integer.class, OUTPUT, output.toString());
		if (known == null || known == 0) {
			throw new RunRefusedException(output + " already exists, and no run in the state database "
					+ stateDatabase.describe() + " wrote it: it may hold the results of job '" + jobName
					+ "' from a run kept in another state database, which this run would pay for again and replace."
					+ " If that is intended, add --new (API: new=true) to overwrite it; otherwise move the file away,"
					+ " write elsewhere with --output FILE, or point spring.datasource.url at the state database that"
					+ " has its runs.");
		}
	}

	/** The settings a run was last executed with, as its parameters keep them. */
	private static RunSettings settingsOf(JobParameters params) {
		Long maxInFlight = params.getLong(MAX_IN_FLIGHT);
		Long concurrency = params.getLong(CONCURRENCY);
		return new RunSettings(params.getString(BASE_URL), params.getString(DIALECT),
				(maxInFlight != null) ? Math.toIntExact(maxInFlight) : null,
				(concurrency != null) ? Math.toIntExact(concurrency) : null,
				"true".equals(params.getString(SIMULATED)));
	}

	/** The parameters with their settings replaced by {@code settings}. */
	private static JobParameters withSettings(JobParameters params, RunSettings settings) {
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
	 * The endpoint and limits a run was last executed with, for {@code restart} to resume it with them.
	 * @return empty when there is no such run
	 */
	public Optional<RunSettings> settings(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		JobExecution last = (instance != null) ? jobRepository.getLastJobExecution(instance) : null;
		return Optional.ofNullable(last).map(execution -> settingsOf(execution.getJobParameters()));
	}

	/**
	 * The job writing in the format of the output file its run started with: a run started with another output path
	 * (the command line's {@code --output}) keeps that file's format when it is resumed without it. Unchanged when the
	 * file names no format the job could write.
	 */
	private static JobDefinition inFormatOf(JobDefinition definition, Path output) {
		OutputSpec spec = definition.output();
		OutputFormat format = spec.formatFor(output);
		if (format == null || format == spec.format() || (spec.intoWorkbook() && format != OutputFormat.XLSX)) {
			return definition;
		}
		return definition.withOutput(spec.withPath(output));
	}

	/** Resumes a run by id, with the job file and input it started with. */
	public RunOutcome restart(long runId) {
		return restart(runId, RunOptions.RESUME_OR_START);
	}

	/** Like {@link #restart(long)}, and calls {@code onStarted} once the execution has begun, before its first chunk. */
	public RunOutcome restart(long runId, LongConsumer onStarted) {
		return restart(runId, RunOptions.RESUME_OR_START, onStarted);
	}

	/** Resumes a run by id, showing progress as the options say. */
	public RunOutcome restart(long runId, RunOptions options) {
		return restart(runId, options, id -> {
		});
	}

	/** Resumes a run by id with these options, and tells {@code onStarted} once the execution has begun. */
	public RunOutcome restart(long runId, RunOptions options, LongConsumer onStarted) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		if (instance == null) {
			// a state database set elsewhere (spring.datasource.url) is another, possibly empty, database
			throw new RunRefusedException("There is no run " + runId + " in the state database "
					+ stateDatabase.describe() + ". If the run was started with another state database (another"
					+ " spring.datasource.url, or by an earlier version under its working directory), point"
					+ " spring.datasource.url at that database; list the runs here with: list");
		}
		JobExecution last = Objects.requireNonNull(jobRepository.getLastJobExecution(instance));
		JobParameters params = last.getJobParameters();
		if (last.getStatus() == BatchStatus.COMPLETED) {
			return alreadyCompleted(last);
		}
		RunSettings settings = settingsOf(params).overriddenBy(options.settings());
		JobDefinition definition = JobDefinitionLoader.load(Path.of(params.getString(JOB_FILE)));
		definition = definition.withInput(definition.input().withPath(Path.of(params.getString(INPUT))));
		definition = inFormatOf(definition, Path.of(params.getString(OUTPUT)));
		if (settings.concurrency() != null) {
			definition = definition.withConcurrency(settings.concurrency());
		}
		InputInspection inspection = JobCheck.of(definition).inspection();
		if (!inspection.sha256().equals(params.getString(CHECKSUM))) {
			throw new RunRefusedException("Run " + runId + " cannot resume: " + params.getString(INPUT)
					+ " has changed since it started. Restore the original file, or start a new run with: run "
					+ params.getString(JOB_FILE) + " --new");
		}
		return execute(definition, inspection, withSettings(params, settings), true, options, onStarted);
	}

	private RunOutcome execute(JobDefinition definition, InputInspection inspection, JobParameters params,
			boolean resume, RunOptions options, LongConsumer onStarted) {
		if (!options.passThrough()) {
			requirePriceForBudget(definition, models);
		}
		LlmClient llm = options.passThrough() ? new PassThroughLlmClient() : client;
		LlmTraffic view = options.passThrough() ? LlmTraffic.NONE : traffic;
		if (definition.maxInFlight() != null) {
			// the account's limit as the job states it: the model's ceiling in this process from now on
			view.setInFlightCeiling(definition.model(), definition.maxInFlight());
		}
		RunSession session = new RunSession(view, options.progress());
		TrafficSnapshot trafficBefore = view.traffic(definition.model());
		Path output = Path.of(params.getString(OUTPUT));
		definition = inFormatOf(definition, output);
		Path rejects = Path.of(params.getString(REJECTS));
		String runName = "Run " + params.getLong(SEQUENCE) + " of job '" + definition.name() + "' on "
				+ params.getString(INPUT);
		long startNanos = System.nanoTime();
		JobExecution execution;
		ActiveRun run = new ActiveRun();
		synchronized (activeMonitor) {
			active.add(run);
		}
		try (RunLock lock = RunLock.claim(dataSource, runKey(definition.name(), params), runName,
				stateDatabase.exclusive(), clock, () -> stop(run, false))) {
			Job job = assembler.assemble(definition, inspection, llm, output, rejects, new JobExecutionListener() {
				@Override
				public void beforeJob(JobExecution jobExecution) {
					lock.attach(jobExecution.getJobInstance().getInstanceId());
					synchronized (activeMonitor) {
						run.execution = jobExecution;
					}
					if (stopRequested && !run.stopRequested) {
						markStopping(run, true);
					}
					if (run.stopRequested) {
						// asked to stop while starting: Spring Batch stops before the first step
						jobExecution.setStatus(BatchStatus.STOPPING);
					}
					onStarted.accept(jobExecution.getJobInstance().getInstanceId());
				}
			}, session);
			JobInstance existing = jobRepository.getJobInstance(definition.name(), params);
			if (existing != null) {
				recoverDeadExecution(existing);
			}
			execution = jobOperator.start(job, params);
		}
		catch (RunRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start job '" + definition.name() + "': " + ex.getMessage(), ex);
		}
		finally {
			synchronized (activeMonitor) {
				active.remove(run);
				if (active.isEmpty()) {
					// a stop request applies to the executions running or starting when it came
					stopRequested = false;
				}
				activeMonitor.notifyAll();
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
		long instanceId = execution.getJobInstance().getInstanceId();
		long rowsNow = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(JobAssembler.PROCESS_STEP))
			.mapToLong(StepExecution::getWriteCount)
			.sum();
		RunOutcome.Status status = switch (execution.getStatus()) {
			case COMPLETED -> RunOutcome.Status.COMPLETED;
			case STOPPED, STOPPING -> RunOutcome.Status.STOPPED;
			default -> RunOutcome.Status.FAILED;
		};
		SessionFigures figures = figures(session.meter(), view.traffic(definition.model()).minus(trafficBefore),
				definition);
		// a stop by the run's budget is the run's own decision, whatever else asked it to stop
		boolean interrupted = status == RunOutcome.Status.STOPPED && run.processStopping
				&& execution.getExecutionContext().getString(JobAssembler.STOP_REASON_KEY, "").isEmpty();
		String reason = failureOf(execution);
		if (status == RunOutcome.Status.STOPPED && execution.getExecutionContext()
			.getString(JobAssembler.STOP_REASON_KEY, "")
			.isEmpty()) {
			reason = interrupted ? "stopped at a chunk boundary because the process was asked to stop (Ctrl-C, SIGTERM"
					+ " or a service shutdown)" : "stopped at a chunk boundary on a stop request";
		}
		keepWithTheRun(execution, status, reason, options.resumeCommand().apply(instanceId), output);
		RunOutcome outcome = new RunOutcome(instanceId, execution.getId(), definition.name(), status, resume, output,
				rejects, assembler.staging().totals(instanceId), rowsNow, elapsed, reason, interrupted, figures, null);
		try {
			Path report = RunReportFile.write(outcome, reportFacts(instanceId, execution, params));
			return new RunOutcome(outcome.runId(), outcome.executionId(), outcome.jobName(), outcome.status(),
					outcome.resumed(), output, rejects, outcome.totals(), rowsNow, elapsed, outcome.failure(),
					interrupted, figures, report);
		}
		catch (java.io.UncheckedIOException ex) {
			log.warn("{}", ex.getMessage());
			return outcome;
		}
	}

	/**
	 * Refuses, before any call, a budget in US dollars on a model without a price: its calls could not be counted
	 * against it, so the budget would protect nothing.
	 * @throws RunRefusedException naming the settings to add
	 */
	static void requirePriceForBudget(JobDefinition definition, ModelCatalog models) {
		ModelSpec spec = models.spec(definition.model());
		if (definition.budget().usd() != null && !spec.priced()) {
			String key = "glm.models[" + definition.model() + "]";
			throw new RunRefusedException("Job '" + definition.name() + "' has a budget in US dollars, but model "
					+ definition.model() + " has no price, so what it spends cannot be counted. Add its price in"
					+ " USD per million tokens (" + key + ".input-per-million, " + key + ".cached-input-per-million, "
					+ key + ".output-per-million), or give the budget in tokens (budget: {tokens: N}); nothing was run.");
		}
	}

	/**
	 * Keeps in the execution's context what {@code status}, {@code list} and the API show after the process has gone:
	 * why a run failed or stopped and how to resume it, and the checksum of the output a completed run wrote (to tell
	 * later whether the file at its path is still that output).
	 */
	private void keepWithTheRun(JobExecution execution, RunOutcome.Status status, @Nullable String reason,
			@Nullable String resumeCommand, Path output) {
		var context = execution.getExecutionContext();
		if (status == RunOutcome.Status.COMPLETED) {
			context.remove(REASON_KEY);
			context.remove(RESUME_KEY);
			FileChecksums.sha256(output).ifPresent(checksum -> context.putString(OUTPUT_CHECKSUM_KEY, checksum));
		}
		else {
			if (reason != null) {
				context.putString(REASON_KEY, reason);
			}
			if (resumeCommand != null) {
				context.putString(RESUME_KEY, resumeCommand);
			}
		}
		try {
			jobRepository.updateExecutionContext(execution);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot keep the reason and resume command of run {}: {}", execution.getJobInstance().getInstanceId(),
					ex.getMessage());
		}
	}

	/** The paths, checksum and times the report file names. */
	private RunReportFile.Facts reportFacts(long instanceId, JobExecution execution, JobParameters params) {
		JobInstance instance = jobRepository.getJobInstance(instanceId);
		LocalDateTime firstStart = (instance != null) ? firstStart(instance) : null;
		return new RunReportFile.Facts(params.getString(JOB_FILE, ""), params.getString(INPUT, ""),
				params.getString(CHECKSUM, ""), params.getLong(INPUT_ROWS), params.getString(OUTPUT, ""),
				params.getString(REJECTS, ""), zoned(firstStart), zoned(execution.getStartTime()),
				zoned(execution.getEndTime()), kept(execution, OUTPUT_CHECKSUM_KEY));
	}

	/** A text kept in the execution's context, or {@code null}. */
	private static @Nullable String kept(JobExecution execution, String key) {
		String value = execution.getExecutionContext().getString(key, "");
		return value.isEmpty() ? null : value;
	}

	private static @Nullable OffsetDateTime zoned(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	/** When the run's first execution started. */
	private @Nullable LocalDateTime firstStart(JobInstance instance) {
		return jobRepository.getJobExecutions(instance)
			.stream()
			.map(JobExecution::getStartTime)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	/**
	 * Whether the output file of a completed run is still what the run wrote.
	 * @return empty when there is no such run
	 */
	public Optional<OutputState> outputState(long runId) {
		JobInstance instance = jobRepository.getJobInstance(runId);
		JobExecution last = (instance != null) ? jobRepository.getLastJobExecution(instance) : null;
		if (last == null) {
			return Optional.empty();
		}
		Path output = Path.of(last.getJobParameters().getString(OUTPUT, ""));
		if (!Files.isRegularFile(output)) {
			return Optional.of(OutputState.MISSING);
		}
		String written = last.getExecutionContext().getString(OUTPUT_CHECKSUM_KEY, "");
		if (written.isEmpty()) {
			return Optional.of(OutputState.UNKNOWN);
		}
		return Optional.of(FileChecksums.sha256(output).filter(written::equals).isPresent() ? OutputState.AS_WRITTEN
				: OutputState.REPLACED);
	}

	/** What is at the output path of a run now. */
	public enum OutputState {

		/** The file the run wrote, unchanged. */
		AS_WRITTEN,

		/** Another file: a later run of the job, or a person, has written there since. */
		REPLACED,

		/** No file: the run has not completed, or the file was moved away. */
		MISSING,

		/** A file, but the run kept no checksum to compare (it has not completed, or an earlier version ran it). */
		UNKNOWN

	}

	private static SessionFigures figures(RunMeter meter, TrafficSnapshot traffic, JobDefinition definition) {
		return new SessionFigures(meter.paidCalls(), meter.latencyPercentileMillis(50),
				meter.latencyPercentileMillis(95), meter.latencyPercentileMillis(99), meter.deduplicatedCalls(),
				meter.ledgerHits(), traffic.limit(), traffic.rateLimited(), traffic.overloaded(), traffic.faultsByCode(),
				definition.budget().toString());
	}

	/** The identity of a run for locking: known before Spring Batch creates the job instance. */
	private static String runKey(String jobName, JobParameters params) {
		String identity = jobName + "\n" + params.getString(INPUT) + "\n" + params.getLong(SEQUENCE);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Marks as failed an execution left running by a process that no longer exists, so that it can resume. Called
	 * while holding the run's lock, which proves the other process is gone.
	 */
	private void recoverDeadExecution(JobInstance instance) {
		JobExecution last = jobRepository.getLastJobExecution(instance);
		if (last == null || !last.isRunning()) {
			return;
		}
		log.warn("Run {} was left running by a process that has died (execution {}); recovering it",
				instance.getInstanceId(), last.getId());
		jobOperator.recover(last);
	}

	/**
	 * Asks every execution running in this process to stop at its next chunk boundary, because the process is
	 * stopping; an execution that is still starting stops before its first step. Their outcomes say
	 * {@link RunOutcome#interrupted() interrupted}, unless a stop request for the run came first.
	 */
	public void stopActive() {
		stopRequested = true;
		List<ActiveRun> running;
		synchronized (activeMonitor) {
			running = new ArrayList<>(active);
		}
		running.forEach(run -> stop(run, true));
	}

	private void stop(ActiveRun run, boolean processStopping) {
		markStopping(run, processStopping);
		JobExecution execution;
		synchronized (activeMonitor) {
			execution = run.execution;
		}
		if (execution == null) {
			return;
		}
		try {
			jobOperator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			// it ended, or stopped on an earlier request, between the check and the stop: nothing to do
			log.debug("Execution {} is no longer running; no stop needed", execution.getId());
		}
		catch (Exception ex) {
			log.warn("Cannot stop execution {}: {}", execution.getId(), ex.getMessage());
		}
	}

	/** Waits until no execution runs in this process, or the timeout passes. */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (activeMonitor) {
			while (!active.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				activeMonitor.wait(Math.max(1, left / 1_000_000));
			}
			return true;
		}
	}

	/** Asks whichever process works a run to stop it at its next chunk boundary. */
	public boolean requestStop(long runId) {
		return RunLock.requestStop(dataSource, runId);
	}

	public List<RunSummary> list(int max) {
		return new RunStateReader(dataSource).list(max);
	}

	/** The reject file of a run, as its job parameters name it. */
	public Optional<Path> rejectPath(long runId) {
		return new RunStateReader(dataSource).rejectPath(runId);
	}

	public Optional<RunSummary> status(long runId) {
		return new RunStateReader(dataSource).status(runId);
	}

	private List<JobInstance> instancesFor(String jobName, Path input) {
		List<JobInstance> matching = new ArrayList<>();
		for (JobInstance instance : jobRepository.findJobInstances(jobName)) {
			JobExecution last = jobRepository.getLastJobExecution(instance);
			if (last != null && input.toString().equals(last.getJobParameters().getString(INPUT))) {
				matching.add(instance);
			}
		}
		matching.sort(Comparator.comparingLong(JobInstance::getInstanceId).reversed());
		return matching;
	}

	private RunOutcome alreadyCompleted(JobExecution last) {
		JobParameters params = last.getJobParameters();
		long instanceId = last.getJobInstance().getInstanceId();
		return new RunOutcome(instanceId, last.getId(), last.getJobInstance().getJobName(),
				RunOutcome.Status.ALREADY_COMPLETED, false, Path.of(params.getString(OUTPUT)),
				Path.of(params.getString(REJECTS)), assembler.staging().totals(instanceId), 0, Duration.ZERO, null,
				false, SessionFigures.NONE, null);
	}

	private static @Nullable String failureOf(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		String stopReason = execution.getExecutionContext().getString(JobAssembler.STOP_REASON_KEY, "");
		if (!stopReason.isEmpty()) {
			return stopReason;
		}
		// kept when the execution ended: an execution read back from the database has no exceptions
		String kept = execution.getExecutionContext().getString(REASON_KEY, "");
		if (!kept.isEmpty()) {
			return kept;
		}
		List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
		// how Spring Batch ends a step that was asked to stop: not a failure
		failures.removeIf(failure -> failure instanceof JobInterruptedException);
		if (failures.isEmpty()) {
			return execution.getStatus() == BatchStatus.STOPPED ? "stopped at a chunk boundary on a stop request"
					: null;
		}
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof LlmException || cause instanceof InputFormatException
						|| cause instanceof ConfigurationProblemException
						|| cause instanceof java.io.UncheckedIOException) {
					return cause.getMessage();
				}
			}
		}
		Throwable root = failures.get(0);
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/** The first reason to stop a run wins: a stop request for the run, or the process stopping. */
	private void markStopping(ActiveRun run, boolean processStopping) {
		synchronized (activeMonitor) {
			if (!run.stopRequested) {
				run.processStopping = processStopping;
				run.stopRequested = true;
			}
		}
	}

	/**
	 * A run this process executes; {@code execution} is set once Spring Batch has created it, the stop flags once it
	 * is asked to stop (guarded by the monitor when written).
	 */
	private static final class ActiveRun {

		private @Nullable JobExecution execution;

		private volatile boolean stopRequested;

		private volatile boolean processStopping;

	}

	private static String abbreviate(@Nullable String checksum) {
		return checksum == null ? "unknown" : checksum.substring(0, Math.min(12, checksum.length()));
	}

}
