package dev.glmbatch.pipeline;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.ThinkingControlMemory;

/**
 * Keeps with the run what the GLM client learned about how the job's model takes the
 * thinking setting (when the model table was wrong), in the job execution context under
 * {@value #KEY}: a resumed execution starts with that execution context, so it tells the
 * client before the first call, and pays no refused call to learn it again.
 */
final class ThinkingControlRecord implements StepExecutionListener {

	/**
	 * Job execution context key: the thinking control learned for the job's model, e.g.
	 * {@code effort}.
	 */
	static final String KEY = "run.thinkingControl";

	private static final Logger log = LoggerFactory.getLogger(ThinkingControlRecord.class);

	private final ThinkingControlMemory memory;

	private final String model;

	ThinkingControlRecord(ThinkingControlMemory memory, String model) {
		this.memory = memory;
		this.model = model.strip().toLowerCase(Locale.ROOT);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String recorded = stepExecution.getJobExecution().getExecutionContext().getString(KEY, "");
		ThinkingControl control = parse(recorded);
		if (control != null && memory.learnedThinkingControls().get(model) != control) {
			log.info("Model {} takes the thinking setting as {}, as this run learned before", model, control.key());
			memory.assumeThinkingControl(model, control);
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		ThinkingControl learned = memory.learnedThinkingControls().get(model);
		if (learned != null) {
			ExecutionContext context = stepExecution.getJobExecution().getExecutionContext();
			context.putString(KEY, learned.key());
		}
		return null;
	}

	private static @Nullable ThinkingControl parse(String recorded) {
		for (ThinkingControl control : ThinkingControl.values()) {
			if (control.key().equals(recorded)) {
				return control;
			}
		}
		return null;
	}

}
