package dev.glmbatch.cli;

import dev.glmbatch.jobdef.ClassifySpec;
import dev.glmbatch.jobdef.ExtractSpec;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.jobdef.TaskSpec;
import dev.glmbatch.jobdef.TranslateSpec;

/** The {@code type} a job file writes for a task, for messages. */
final class TaskNames {

	private TaskNames() {
	}

	static String of(TaskSpec task) {
		if (task instanceof TranslateSpec) {
			return "translate";
		}
		if (task instanceof ClassifySpec) {
			return "classify";
		}
		if (task instanceof SummariseSpec) {
			return "summarise";
		}
		if (task instanceof GenerateSpec) {
			return "generate";
		}
		if (task instanceof ExtractSpec) {
			return "extract";
		}
		return task.getClass().getSimpleName();
	}

}
