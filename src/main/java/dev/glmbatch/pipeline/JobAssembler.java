package dev.glmbatch.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

import javax.sql.DataSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowSource;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobFileProblem;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.jobdef.ClassifySpec;
import dev.glmbatch.jobdef.ExtractSpec;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.jobdef.TaskSpec;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.llm.BatchApi;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.llm.ThinkingControlMemory;
import dev.glmbatch.output.PartialFile;
import dev.glmbatch.output.StatusColumns;
import dev.glmbatch.output.excel.WorkbookWriteBack;
import dev.glmbatch.output.markdown.MarkdownSummaries;
import dev.glmbatch.task.ClassifyTask;
import dev.glmbatch.task.ContentTask;
import dev.glmbatch.task.ExtractTask;
import dev.glmbatch.task.GenerateTask;
import dev.glmbatch.task.SummariseTask;
import dev.glmbatch.task.TaskResult;
import dev.glmbatch.task.TranslateTask;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Turns a job definition into a Spring Batch job of two steps, three for a job whose mode
 * sends first calls through the Batch API.
 * <ol>
 * <li>{@code batch} (modes {@code batch} and {@code auto}): the rows' first calls go
 * through the Batch API and their answers into the call ledger ({@link BatchPhase}).</li>
 * <li>{@code process}: a chunk-oriented step. Its reader runs the tasks of the rows ahead
 * on the job's concurrency of threads, through the call ledger, and returns their results
 * in row order; each chunk's results go to the staging table in the same transaction as
 * the checkpoint.</li>
 * <li>{@code export}: writes the output and reject files from the staging table, in row
 * order, atomically.</li>
 * </ol>
 * The LLM client given here must be the only layer that retries a call: the step itself
 * retries nothing, and the reader runs a row's task again only once its call has used up
 * the client's retries (see {@link PrefetchingTaskReader}).
 */
@Component
public class JobAssembler {

	public static final String PROCESS_STEP = "process";

	public static final String EXPORT_STEP = "export";

	/** The first step of a distributed run: the input into the state database. */
	public static final String LOAD_STEP = "load";

	/**
	 * The step each worker runs on its partition of a distributed run; its executions are
	 * named {@code process-partition:partition001} and on.
	 */
	public static final String PARTITION_STEP = "process-partition";

	/** How often a distributed run's manager looks whether its partitions have ended. */
	private static final long PARTITION_POLL_MILLIS = 500;

	/**
	 * Job execution context key: why the run stopped by itself (its budget), for the
	 * report.
	 */
	public static final String STOP_REASON_KEY = "run.stopReason";

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final CallLedger ledger;

	private final ResultStaging staging;

	private final Duration persistentFailure;

	private final boolean reuseAcrossRuns;

	private final BatchRecords batchRecords;

	private final @Nullable BatchApi batchApi;

	private final StoredInput storedInput;

	private final DataSource dataSource;

	/**
	 * @param persistentFailure how long GLM may answer no call, while rows run out of
	 * retries on transient faults, before a run stops
	 * ({@code glmbatch.persistent-failure})
	 * @param reuseAcrossRuns whether jobs that re-use answers earlier runs paid for (the
	 * default) may do so in this process ({@code glmbatch.reuse-across-runs}); off, every
	 * run pays for its own answers
	 */
	public JobAssembler(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, @Value("${glmbatch.persistent-failure:5m}") Duration persistentFailure,
			@Value("${glmbatch.reuse-across-runs:true}") boolean reuseAcrossRuns) {
		this(jobRepository, transactionManager, dataSource, persistentFailure, reuseAcrossRuns, (BatchApi) null);
	}

	/**
	 * As above, with the Batch API that jobs of mode {@code batch} and {@code auto} send
	 * their first calls through ({@code null}: every call goes one by one).
	 */
	@Autowired
	public JobAssembler(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, @Value("${glmbatch.persistent-failure:5m}") Duration persistentFailure,
			@Value("${glmbatch.reuse-across-runs:true}") boolean reuseAcrossRuns, ObjectProvider<BatchApi> batchApi) {
		this(jobRepository, transactionManager, dataSource, persistentFailure, reuseAcrossRuns,
				batchApi.getIfAvailable());
	}

	private JobAssembler(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, Duration persistentFailure, boolean reuseAcrossRuns, @Nullable BatchApi batchApi) {
		this.batchApi = batchApi;
		this.batchRecords = new BatchRecords(dataSource, transactionManager);
		this.reuseAcrossRuns = reuseAcrossRuns;
		this.jobRepository = jobRepository;
		this.persistentFailure = persistentFailure;
		this.transactionManager = transactionManager;
		this.ledger = new CallLedger(dataSource, transactionManager);
		this.staging = new ResultStaging(dataSource);
		this.storedInput = new StoredInput(dataSource);
		this.dataSource = dataSource;
	}

	/** The input rows of distributed runs. */
	public StoredInput storedInput() {
		return storedInput;
	}

	public ResultStaging staging() {
		return staging;
	}

	public CallLedger ledger() {
		return ledger;
	}

	/** The batches runs submitted to the Batch API. */
	public BatchRecords batchRecords() {
		return batchRecords;
	}

	/** The columns a job adds to its output, in order. */
	public static List<String> outputColumns(JobDefinition definition) {
		TaskSpec task = definition.task();
		if (task instanceof TranslateSpec translate) {
			return TranslateTask.outputColumns(translate);
		}
		if (task instanceof ClassifySpec) {
			return ClassifyTask.OUTPUT_COLUMNS;
		}
		if (task instanceof SummariseSpec) {
			return SummariseTask.OUTPUT_COLUMNS;
		}
		if (task instanceof GenerateSpec generate) {
			return GenerateTask.outputColumns(generate);
		}
		if (task instanceof ExtractSpec extract) {
			return ExtractTask.outputColumns(extract);
		}
		throw new IllegalArgumentException("unsupported task " + task);
	}

	/**
	 * Every column a job adds to its input's columns in the output: the task's, then for
	 * CSV and XLSX the row status and reject reason ({@link StatusColumns}); JSONL keeps
	 * the input and the results apart and adds none.
	 */
	public static List<String> addedColumns(JobDefinition definition, List<String> inputColumns) {
		List<String> columns = new ArrayList<>(outputColumns(definition));
		if (definition.output().format() != OutputFormat.JSONL) {
			List<String> taken = new ArrayList<>(inputColumns);
			taken.addAll(columns);
			columns.addAll(StatusColumns.avoiding(taken).names());
		}
		return List.copyOf(columns);
	}

	/**
	 * The output columns whose values are JSON rather than text (a classification's
	 * confidence, a generate schema's numbers, booleans, objects and arrays): a JSONL
	 * output keeps their JSON type, an XLSX output writes numbers as numeric cells.
	 */
	public static Set<String> jsonColumns(JobDefinition definition) {
		TaskSpec task = definition.task();
		if (task instanceof ClassifySpec) {
			return Set.of("confidence");
		}
		if (task instanceof GenerateSpec generate) {
			return Set.copyOf(generate.nonTextFields());
		}
		if (task instanceof ExtractSpec extract) {
			return Set.copyOf(extract.nonTextFields());
		}
		return Set.of();
	}

	/**
	 * Refuses, before any call, an output the export step could not write: a folder where
	 * the output or the reject file cannot be created (no permission, read-only, full, a
	 * file in the way), or results to be written back into a copy of a workbook that
	 * cannot be copied (one saved as Strict Open XML).
	 * @throws JobDefinitionException naming the output and what to do
	 * @throws InputFormatException naming the input file and what to do
	 */
	public static void requireWritableOutput(JobDefinition definition) {
		LocalDate today = LocalDate.now();
		for (Path file : List.of(definition.output().resolvePath(definition.name(), today),
				definition.output().resolveRejectPath(definition.name(), today))) {
			try {
				PartialFile.requireWritable(file);
			}
			catch (IOException ex) {
				String reason = PartialFile.reason(ex);
				throw new JobDefinitionException(definition.file(), JobFileProblem.at("output.path", 0,
						"cannot write " + file + " (" + reason + "), so the results could not be saved",
						"make its folder writable, free space, or write elsewhere (output.path, or --output FILE);"
								+ " nothing was sent to GLM"));
			}
		}
		if (ExportTasklet.writesBack(definition.input(), definition.output())) {
			WorkbookWriteBack.requireCopyable(definition.input().path());
		}
	}

	public Job assemble(JobDefinition definition, InputInspection inspection, LlmClient client, Path outputPath,
			Path rejectPath, JobExecutionListener listener) {
		return assemble(definition, inspection, client, outputPath, rejectPath, listener, RunSession.plain());
	}

	/** As above, with the execution's progress display, traffic view and meter. */
	public Job assemble(JobDefinition definition, InputInspection inspection, LlmClient client, Path outputPath,
			Path rejectPath, JobExecutionListener listener, RunSession session) {
		Step process = (session.partitions() > 0) ? managerStep(definition, inspection, session)
				: processStep(definition, inspection, client, session);
		Step export = new StepBuilder(EXPORT_STEP, jobRepository)
			.tasklet(new ExportTasklet(staging, inspection.header(), outputColumns(definition), jsonColumns(definition),
					outputPath, rejectPath, definition.input(), definition.output(), markdownSummaries(definition)),
					transactionManager)
			.build();
		JobBuilder job = new JobBuilder(definition.name(), jobRepository);
		if (session.partitions() > 0) {
			Step load = new StepBuilder(LOAD_STEP, jobRepository)
				.tasklet(storedInput.loader(() -> InputFiles.openReader(definition.input(), inspection)),
						transactionManager)
				.build();
			return job.listener(listener).start(load).next(process).next(export).build();
		}
		if (definition.mode().batches() && batchApi != null) {
			return job.listener(listener)
				.start(batchStep(definition, inspection, session))
				.next(process)
				.next(export)
				.build();
		}
		return job.listener(listener).start(process).next(export).build();
	}

	/**
	 * Writes a run's committed rows to one file, from the staging table, without any
	 * call: every staged row in row order, in the format and with the formula guard of
	 * {@code output} (into a copy of the input workbook when it says so), atomically; no
	 * reject file and no Markdown documents, which are the run's own.
	 * @param inputColumns the input's columns, in order
	 * @param output the output as the export writes it; its path is {@code outputPath}
	 */
	public ExportedRows export(JobDefinition definition, long jobInstanceId, List<String> inputColumns,
			OutputSpec output, Path outputPath) {
		return new ExportTasklet(staging, inputColumns, outputColumns(definition), jsonColumns(definition), outputPath,
				null, definition.input(), output, null)
			.write(jobInstanceId);
	}

	/**
	 * Whether the results go into a copy of the input workbook: asked for, and the input
	 * is an Office Open XML workbook.
	 */
	public static boolean writesBack(JobDefinition definition, OutputSpec output) {
		return ExportTasklet.writesBack(definition.input(), output);
	}

	/**
	 * The Markdown file per summarised document the job asks for, or {@code null};
	 * {@code {date}} is the export's.
	 */
	private static @Nullable MarkdownSummaries markdownSummaries(JobDefinition definition) {
		if (definition.output().documents() == null) {
			return null;
		}
		LocalDate today = LocalDate.now();
		return new MarkdownSummaries(relative -> Objects
			.requireNonNull(definition.output().resolveDocumentPath(definition.name(), today, relative)));
	}

	/**
	 * The step that sends the rows' first calls through the Batch API and puts the
	 * answers into the ledger, for the process step to find.
	 */
	private Step batchStep(JobDefinition definition, InputInspection inspection, RunSession session) {
		BatchPhase phase = new BatchPhase(Objects.requireNonNull(batchApi), batchRecords, ledger, staging,
				definition.mode(), definition.name(), () -> InputFiles.openReader(definition.input(), inspection),
				taskFactory(definition, session), definition.reuse() && reuseAcrossRuns, Clock.systemUTC());
		return new StepBuilder(BatchPhase.STEP, jobRepository).tasklet(phase, transactionManager).build();
	}

	/**
	 * The task of each row, given the client it calls: the one the process step runs, and
	 * the one that tells the batch step the rows' first calls.
	 */
	private Function<LlmClient, ContentTask> taskFactory(JobDefinition definition, RunSession session) {
		ReasoningEffort effort = definition.reasoningEffort();
		// the job's effort goes into each request before the ledger sees it: it is part
		// of the request's fingerprint
		Long retryOf = session.retryOf();
		return ledgered -> {
			ContentTask task = task(definition,
					(effort == null) ? ledgered : request -> ledgered.complete(request.withReasoningEffort(effort)));
			return (retryOf == null) ? task : new RetriedRows(staging, retryOf, task);
		};
	}

	/**
	 * A distributed run's process step: one partition of rows per request to the workers
	 * ({@link PartitionQueue}), waiting until every partition has ended, as the job
	 * repository tells, so that a manager that restarts finds them; partitions whose
	 * worker is lost fail ({@link PartitionLeases}).
	 */
	private Step managerStep(JobDefinition definition, InputInspection inspection, RunSession session) {
		PartitionLeases leases = new PartitionLeases(dataSource, jobRepository);
		AtomicLong jobInstanceId = new AtomicLong();
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setStepName(PARTITION_STEP);
		handler.setGridSize(session.partitions());
		handler.setJobRepository(jobRepository);
		handler.setPollInterval(PARTITION_POLL_MILLIS);
		handler.setMessagingOperations(new PartitionQueue(dataSource).sender());
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot set up the partition handler: " + ex.getMessage(), ex);
		}
		Partitioner ranges = gridSize -> storedInput.partitioner(jobInstanceId.get(), session.partitions())
			.partition(gridSize);
		return new StepBuilder(PROCESS_STEP, jobRepository).partitioner(PARTITION_STEP, ranges)
			.partitionHandler(handler)
			.gridSize(session.partitions())
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					jobInstanceId.set(stepExecution.getJobExecution().getJobInstance().getInstanceId());
				}
			})
			.listener(leases.reaper())
			.listener(ProgressListener.ofStaging(inspection.dataRows(), staging, session.traffic(), definition.model(),
					session.display()))
			.build();
	}

	/**
	 * The step a worker runs on one partition of a distributed run: the process step's
	 * chunks, reading the partition's rows from the state database and resuming after
	 * those it has staged, and keeping what it measured of its calls for the manager
	 * ({@link PartitionFigures}).
	 * @param totalRows the run's rows, for progress
	 */
	public Step partitionStep(JobDefinition definition, LlmClient client, RunSession session, long firstRow,
			long lastRow, long totalRows) {
		return chunkStep(PARTITION_STEP, definition,
				jobInstanceId -> storedInput.range(jobInstanceId, firstRow, lastRow),
				jobInstanceId -> staging.countRows(jobInstanceId, firstRow, lastRow), totalRows, client, session,
				new PartitionFigures(session.meter(), session.traffic(), definition.model()));
	}

	private Step processStep(JobDefinition definition, InputInspection inspection, LlmClient client,
			RunSession session) {
		return chunkStep(PROCESS_STEP, definition,
				jobInstanceId -> InputFiles.openReader(definition.input(), inspection), staging::countRows,
				inspection.dataRows(), client, session, null);
	}

	private Step chunkStep(String name, JobDefinition definition, LongFunction<RowSource> rows,
			LongUnaryOperator stagedRows, long totalRows, LlmClient client, RunSession session,
			@Nullable PartitionFigures figures) {
		Function<LlmClient, ContentTask> taskFactory = taskFactory(definition, session);
		RowWork.Factory work = (jobInstanceId, stopRequested) -> RowWork.forExecution(ledger, jobInstanceId, client,
				taskFactory, definition.budget(), definition.reuse() && reuseAcrossRuns, session.meter(),
				persistentFailure, stopRequested);
		PrefetchingTaskReader reader = new PrefetchingTaskReader(rows, work, definition.concurrency(),
				definition.name() + "-worker-", stagedRows);
		ProgressListener progress = new ProgressListener(totalRows, staging, session.traffic(), definition.model(),
				session.display());
		StagingItemWriter writer = new StagingItemWriter(staging, progress);
		var step = new StepBuilder(name, jobRepository).<TaskResult, TaskResult>chunk(definition.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(reader)
			.listener(writer)
			.listener(progress);
		if (client instanceof ThinkingControlMemory memory) {
			step.listener(new ThinkingControlRecord(memory, definition.model()));
		}
		if (figures != null) {
			step.listener(figures);
		}
		return step.build();
	}

	private static ContentTask task(JobDefinition definition, LlmClient client) {
		String model = definition.model();
		String tag = definition.name();
		TaskSpec task = definition.task();
		if (task instanceof TranslateSpec translate) {
			return new TranslateTask(translate, model, definition.thinking(), client, tag);
		}
		if (task instanceof ClassifySpec classify) {
			return new ClassifyTask(classify, model, definition.thinking(), client, tag);
		}
		if (task instanceof SummariseSpec summarise) {
			return new SummariseTask(summarise, model, definition.thinking(), client, tag);
		}
		if (task instanceof GenerateSpec generate) {
			return new GenerateTask(generate, model, definition.thinking(), client, tag);
		}
		if (task instanceof ExtractSpec extract) {
			return new ExtractTask(extract, model, definition.thinking(), client, tag);
		}
		throw new IllegalArgumentException("unsupported task " + task);
	}

}
