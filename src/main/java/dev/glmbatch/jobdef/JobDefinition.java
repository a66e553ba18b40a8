package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.ReasoningEffort;

/**
 * A validated job, as loaded from a YAML file in {@code jobs/}.
 *
 * @param name the job name: letters, digits, {@code -} and {@code _}; names the Spring
 * Batch job instance
 * @param file the job file it came from, absolute
 * @param input where rows come from
 * @param task what to do with each row
 * @param model the GLM model id, e.g. {@code glm-4.5-air}
 * @param thinking whether the model thinks before answering
 * @param chunkSize rows per committed chunk
 * @param concurrency GLM calls in flight at once
 * @param output where results go
 * @param budget what the run may spend on GLM, over all its executions
 * @param reasoningEffort the effort to ask of a model whose thinking is set by effort, or
 * {@code null} to derive it from {@code thinking}; other models ignore it
 * @param maxInFlight the account's in-flight limit on the job's model, or {@code null} to
 * leave it to the configuration and the model table
 * @param reuse whether a request answered by an earlier run (any job, same model,
 * settings and prompt) takes that answer instead of paying again; {@code false} forces
 * fresh answers
 * @param mode whether first calls go one by one or through the Batch API
 */
public record JobDefinition(String name, Path file, InputSpec input, TaskSpec task, String model, ThinkingMode thinking,
		int chunkSize, int concurrency, OutputSpec output, Budget budget, @Nullable ReasoningEffort reasoningEffort,
		@Nullable Integer maxInFlight, boolean reuse, CallMode mode) {

	public JobDefinition {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(input, "input");
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(thinking, "thinking");
		Objects.requireNonNull(output, "output");
		Objects.requireNonNull(budget, "budget");
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
		}
		if (maxInFlight != null && maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
		}
	}

	/** A job whose calls go one by one. */
	public JobDefinition(String name, Path file, InputSpec input, TaskSpec task, String model, ThinkingMode thinking,
			int chunkSize, int concurrency, OutputSpec output, Budget budget, @Nullable ReasoningEffort reasoningEffort,
			@Nullable Integer maxInFlight, boolean reuse) {
		this(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget, reasoningEffort,
				maxInFlight, reuse, CallMode.SYNC);
	}

	/**
	 * A job that leaves the reasoning effort to {@code thinking} and the in-flight limit
	 * to the configuration.
	 */
	public JobDefinition(String name, Path file, InputSpec input, TaskSpec task, String model, ThinkingMode thinking,
			int chunkSize, int concurrency, OutputSpec output, Budget budget) {
		this(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget, null, null, true);
	}

	/** A job that re-uses answers earlier runs paid for. */
	public JobDefinition(String name, Path file, InputSpec input, TaskSpec task, String model, ThinkingMode thinking,
			int chunkSize, int concurrency, OutputSpec output, Budget budget, @Nullable ReasoningEffort reasoningEffort,
			@Nullable Integer maxInFlight) {
		this(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget, reasoningEffort,
				maxInFlight, true);
	}

	/**
	 * The job reading another input; a summary of a folder's files then reads them from
	 * the new folder.
	 */
	public JobDefinition withInput(InputSpec newInput) {
		TaskSpec newTask = (newInput.isFolder() && task instanceof SummariseSpec summarise)
				? summarise.withDocumentBase(newInput.path()) : task;
		return new JobDefinition(name, file, newInput, newTask, model, thinking, chunkSize, concurrency, output, budget,
				reasoningEffort, maxInFlight, reuse, mode);
	}

	public JobDefinition withOutput(OutputSpec newOutput) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, newOutput, budget,
				reasoningEffort, maxInFlight, reuse, mode);
	}

	public JobDefinition withBudget(Budget newBudget) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, newBudget,
				reasoningEffort, maxInFlight, reuse, mode);
	}

	public JobDefinition withConcurrency(int newConcurrency) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, newConcurrency, output, budget,
				reasoningEffort, maxInFlight, reuse, mode);
	}

	public JobDefinition withMaxInFlight(@Nullable Integer newMaxInFlight) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget,
				reasoningEffort, newMaxInFlight, reuse, mode);
	}

	public JobDefinition withReuse(boolean newReuse) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget,
				reasoningEffort, maxInFlight, newReuse, mode);
	}

	public JobDefinition withMode(CallMode newMode) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, budget,
				reasoningEffort, maxInFlight, reuse, newMode);
	}

}
