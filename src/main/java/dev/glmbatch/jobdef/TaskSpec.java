package dev.glmbatch.jobdef;

import java.util.List;

/** What a job does with each row. */
public sealed interface TaskSpec permits TranslateSpec, ClassifySpec, SummariseSpec, GenerateSpec, ExtractSpec {

	/** The input columns the task reads; each must exist in the input header. */
	List<String> sourceColumns();

	/**
	 * Where the job file names the {@code index}-th source column, for problems about it.
	 */
	default String columnYamlPath(int index) {
		return "task.columns[" + index + "]";
	}

}
