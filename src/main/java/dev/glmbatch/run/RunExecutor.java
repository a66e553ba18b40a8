package dev.glmbatch.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.pipeline.RunSession;
import dev.glmbatch.run.ActiveRuns.ActiveRun;
import dev.glmbatch.run.ActiveRuns.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Executes a run whose parameters {@link RunOperator} has settled: on a thread of its
 * own, holding the run's lock, registered with {@link ActiveRuns}, and with the GLM
 * client, traffic view and progress the options ask for. It hands back the run's id as
 * soon as Spring Batch has created the execution, because the service answers a start
 * request with it while the run goes on.
 */
@Component
class RunExecutor {

	private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final JobAssembler assembler;

	private final LlmClient client;

	private final LlmTraffic traffic;

	private final DataSource dataSource;

	private final StateDatabase stateDatabase;

	private final Clock clock;

	private final ModelCatalog models;

	private final ActiveRuns activeRuns;

	private final OutcomeRecorder recorder;

	private final RunSeries series;

	private final DistributedRuns distributed;

	/**
	 * One thread per execution, named for thread dumps; a run is long, so a pool would
	 * gain nothing.
	 */
	private final TaskExecutor threads = new SimpleAsyncTaskExecutor("glmb-run-");

	RunExecutor(JobRepository jobRepository, JobOperator jobOperator, JobAssembler assembler, LlmClient client,
			LlmTraffic traffic, DataSource dataSource, StateDatabase stateDatabase, Clock clock, ModelCatalog models,
			ActiveRuns activeRuns) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.assembler = assembler;
		this.client = client;
		this.traffic = traffic;
		this.dataSource = dataSource;
		this.stateDatabase = stateDatabase;
		this.clock = clock;
		this.models = models;
		this.activeRuns = activeRuns;
		this.recorder = new OutcomeRecorder(jobRepository, assembler);
		this.series = new RunSeries(dataSource);
		this.distributed = new DistributedRuns(dataSource, jobRepository, stateDatabase);
	}

	/**
	 * Starts the execution and returns once it has its run id.
	 * @throws RuntimeException what failed before the run had its id (a budget without a
	 * price, a run held by another process, a job that cannot be assembled), as it was
	 * thrown
	 */
	StartedRun launch(JobDefinition definition, InputInspection inspection, JobParameters params, boolean resume,
			RunOptions options) {
		if (!options.passThrough()) {
			requirePriceForBudget(definition, models);
		}
		JobParameters withPartitions = RunParameters.withPartitions(params, options.partitions());
		if (RunParameters.partitionsOf(withPartitions) > 0) {
			distributed.requireDistributable(definition);
		}
		JobParameters launched = (RunParameters.partitionsOf(withPartitions) > 0)
				? DistributedRuns.withLimitOf(withPartitions, definition) : withPartitions;
		ActiveRun run = activeRuns.register();
		CompletableFuture<Long> runId = new CompletableFuture<>();
		CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
		threads.execute(() -> {
			try {
				RunOutcome ended = execute(definition, inspection, launched, resume, options, run, runId);
				runId.complete(ended.runId());
				outcome.complete(ended);
			}
			catch (RuntimeException | Error ex) {
				runId.completeExceptionally(ex);
				outcome.completeExceptionally(ex);
			}
			finally {
				// after the outcome, so that whoever waits for the process to be idle
				// also waits for its watchers
				run.close();
			}
		});
		return new StartedRun(StartedRun.joined(runId), resume ? StartedRun.Start.RESUMED : StartedRun.Start.NEW,
				outcome);
	}

	private RunOutcome execute(JobDefinition definition, InputInspection inspection, JobParameters params,
			boolean resume, RunOptions options, ActiveRun run, CompletableFuture<Long> runId) {
		LlmClient llm = options.passThrough() ? new PassThroughLlmClient() : client;
		LlmTraffic view = options.passThrough() ? LlmTraffic.NONE : traffic;
		if (definition.maxInFlight() != null) {
			// the account's limit as the job states it: the model's ceiling in this
			// process from now on
			view.setInFlightCeiling(definition.model(), definition.maxInFlight());
		}
		RunSession session = new RunSession(view,
				series.recording(options.progress(),
						() -> runId.isDone() && !runId.isCompletedExceptionally() ? runId.join() : null, view,
						definition.model(), clock));
		Long retryOf = params.getLong(RunParameters.RETRY_OF);
		if (retryOf != null) {
			session = session.retrying(retryOf);
		}
		int partitions = RunParameters.partitionsOf(params);
		if (partitions > 0) {
			session = session.distributed(partitions);
		}
		TrafficSnapshot trafficBefore = view.traffic(definition.model());
		Path output = Path.of(params.getString(RunParameters.OUTPUT));
		definition = RunParameters.inFormatOf(definition, params);
		Path rejects = Path.of(params.getString(RunParameters.REJECTS));
		String runName = "Run " + params.getLong(RunParameters.SEQUENCE) + " of job '" + definition.name() + "' on "
				+ params.getString(RunParameters.INPUT);
		long startNanos = System.nanoTime();
		JobExecution execution;
		DistributedRuns.ManagerSession managed = distributed.managerSession();
		JobDefinition job = definition;
		try (RunLock lock = RunLock.claim(dataSource, RunLock.keyOf(definition.name(), params), runName,
				stateDatabase.exclusive(), clock, () -> run.stop(StopReason.REQUESTED))) {
			Job assembled = assembler.assemble(definition, inspection, llm, output, rejects,
					new JobExecutionListener() {
						@Override
						public void beforeJob(JobExecution jobExecution) {
							long instanceId = jobExecution.getJobInstance().getInstanceId();
							lock.attach(instanceId);
							if (partitions > 0) {
								distributed.keepJobFile(instanceId, job);
							}
							if (run.started(jobExecution)) {
								// asked to stop while starting: stopped before the first
								// step
								jobExecution.setStatus(BatchStatus.STOPPING);
							}
							runId.complete(instanceId);
						}
					}, session);
			JobInstance existing = jobRepository.getJobInstance(definition.name(), params);
			if (existing != null) {
				recoverDeadExecution(existing);
			}
			execution = jobOperator.start(assembled, params);
			while (partitions > 0 && managed.resume(execution)) {
				execution = jobOperator.start(assembled, params);
			}
			if (partitions > 0 && execution.getStatus() == BatchStatus.COMPLETED) {
				// the output holds the rows now
				assembler.storedInput().forget(execution.getJobInstance().getInstanceId());
			}
		}
		catch (RunRefusedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start job '" + definition.name() + "': " + ex.getMessage(), ex);
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
		// the workers of a distributed run made its calls, and measured them
		SessionFigures figures = (partitions > 0) ? managed.figures(definition.budget().toString()) : SessionFigures
			.of(session.meter(), view.traffic(definition.model()).minus(trafficBefore), definition.budget().toString());
		return recorder.ended(execution, definition.name(), resume, run.processStopping(), options, figures, elapsed);
	}

	/**
	 * Refuses, before any call, a budget in US dollars on a model without a price: its
	 * calls could not be counted against it, so the budget would protect nothing.
	 * @throws RunRefusedException naming the settings to add
	 */
	static void requirePriceForBudget(JobDefinition definition, ModelCatalog models) {
		ModelSpec spec = models.spec(definition.model());
		if (definition.budget().usd() != null && !spec.priced()) {
			String key = "glm.models[" + definition.model() + "]";
			throw new RunRefusedException("Job '" + definition.name() + "' has a budget in US dollars, but model "
					+ definition.model() + " has no price, so what it spends cannot be counted. Add its price in"
					+ " USD per million tokens (" + key + ".input-per-million, " + key + ".cached-input-per-million, "
					+ key
					+ ".output-per-million), or give the budget in tokens (budget: {tokens: N}); nothing was run.");
		}
	}

	/**
	 * Marks as failed an execution left running by a process that no longer exists, so
	 * that it can resume. Called while holding the run's lock, which proves the other
	 * process is gone.
	 */
	private void recoverDeadExecution(JobInstance instance) {
		JobExecution last = jobRepository.getLastJobExecution(instance);
		if (last == null || !last.isRunning()) {
			return;
		}
		log.warn("Run {} was left running by a process that has died (execution {}); recovering it",
				instance.getInstanceId(), last.getId());
		distributed.awaitLiveWorkers(last);
		// read again: the workers waited for have updated their partitions' step
		// executions since, and recovering the versions read before would fail
		JobExecution settled = Objects.requireNonNull(jobRepository.getLastJobExecution(instance), "last execution");
		jobOperator.recover(settled);
	}

}
