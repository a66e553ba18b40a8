package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A validated job, as loaded from a YAML file in {@code jobs/}.
 *
 * @param name the job name: letters, digits, {@code -} and {@code _}; names the Spring Batch job instance
 * @param file the job file it came from, absolute
 * @param input where rows come from
 * @param task what to do with each row
 * @param model the GLM model id, e.g. {@code glm-4.5-air}
 * @param thinking whether the model thinks before answering
 * @param chunkSize rows per committed chunk
 * @param concurrency GLM calls in flight at once
 * @param output where results go
 * @param budget what the run may spend on GLM, over all its executions
 */
public record JobDefinition(String name, Path file, InputSpec input, TaskSpec task, String model,
		ThinkingMode thinking, int chunkSize, int concurrency, OutputSpec output, Budget budget) {

	public JobDefinition {
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
	}

	public JobDefinition withInput(InputSpec newInput) {
		return new JobDefinition(name, file, newInput, task, model, thinking, chunkSize, concurrency, output, budget);
	}

	public JobDefinition withOutput(OutputSpec newOutput) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, newOutput, budget);
	}

	public JobDefinition withBudget(Budget newBudget) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, concurrency, output, newBudget);
	}

	public JobDefinition withConcurrency(int newConcurrency) {
		return new JobDefinition(name, file, input, task, model, thinking, chunkSize, newConcurrency, output, budget);
	}

}
