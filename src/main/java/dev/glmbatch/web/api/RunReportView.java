package dev.glmbatch.web.api;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import org.jspecify.annotations.Nullable;

/**
 * The report of a run ({@code GET /api/runs/{id}/report}): the run, the thinking split
 * and its files.
 *
 * @param run the run and its totals
 * @param callsWithoutThinking calls made with thinking off
 * @param output the output file and whether it has been written
 * @param rejects the reject file and whether it has been written
 */
record RunReportView(RunView run, long callsWithoutThinking, FileView output, FileView rejects) {

	/**
	 * @param path the file
	 * @param exists whether it exists now (outputs are written when the run completes)
	 * @param replaced whether the file there now is not the one the run wrote (a later
	 * run of the job, or a person, wrote there since): downloading it answers 409
	 * @param href where to download it
	 */
	record FileView(String path, boolean exists, boolean replaced, String href) {

	}

	static RunReportView of(RunSummary run, @Nullable Path rejects, Runs.OutputState outputState) {
		RunView view = RunView.of(run);
		String base = "/api/runs/" + run.runId();
		Path output = Path.of(run.output());
		return new RunReportView(view, view.totals().calls() - view.totals().thinkingCalls(),
				new FileView(output.toString(), Files.isRegularFile(output), outputState == Runs.OutputState.REPLACED,
						base + "/output"),
				new FileView(rejects != null ? rejects.toString() : "", rejects != null && Files.isRegularFile(rejects),
						false, base + "/rejects"));
	}

}
