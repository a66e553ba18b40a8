package dev.glmbatch.jobdef;

import java.util.List;

/** What a job does with each row. */
public sealed interface TaskSpec permits TranslateSpec {

	/** The input columns the task reads; each must exist in the input header. */
	List<String> sourceColumns();

}
