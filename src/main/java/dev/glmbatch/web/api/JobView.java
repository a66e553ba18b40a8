package dev.glmbatch.web.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;

import dev.glmbatch.jobdef.FolderSelection;
import dev.glmbatch.jobdef.InputPattern;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.jobdef.Schedule;
import dev.glmbatch.run.schedule.Busy;
import dev.glmbatch.run.schedule.CatalogueEntry;
import dev.glmbatch.run.schedule.JobSchedules;
import dev.glmbatch.run.schedule.RunLauncher;
import dev.glmbatch.run.schedule.TriggerReport;
import org.jspecify.annotations.Nullable;

/**
 * A job as {@code GET /api/jobs} shows it.
 *
 * @param name the job name (the file name when the file is invalid)
 * @param file the job file
 * @param valid whether the file loaded; an invalid job is out of service until fixed
 * @param problem why the file is invalid, or {@code null}
 * @param input the input file, the pattern's folder and glob, or the input folder and its
 * patterns
 * @param inputProblem why a valid job cannot run now because of its input (the file, the
 * input folder or the pattern's folder is missing, or the file is a folder), or
 * {@code null}; checked on every listing, so a file that arrives later clears it
 * @param schedule the schedule, or {@code null}
 * @param nextTrigger when the schedule fires next, or {@code null}
 * @param busy what the job is doing now in this service, or {@code null} when idle
 * @param lastTrigger what its latest trigger or sweep did, or {@code null}
 */
record JobView(String name, String file, boolean valid, @Nullable String problem, @Nullable String input,
		@Nullable String inputProblem, @Nullable ScheduleView schedule, @Nullable ZonedDateTime nextTrigger,
		@Nullable String busy, @Nullable TriggerView lastTrigger) {

	record ScheduleView(String cron, String zone, String missed) {

	}

	record TriggerView(Instant at, String outcome) {

	}

	static JobView of(CatalogueEntry entry, JobSchedules schedules, RunLauncher launcher) {
		JobFile job = entry.job();
		String busy = launcher.busyWith(entry.name()).map(Busy::detail).orElse(null);
		TriggerView last = launcher.lastTrigger(entry.name()).map(JobView::trigger).orElse(null);
		if (job == null) {
			return new JobView(entry.name(), entry.file().toString(), false, entry.problem(), null, null, null, null,
					busy, last);
		}
		Schedule schedule = job.schedule();
		InputPattern pattern = job.inputPattern();
		InputSpec spec = job.definition().input();
		FolderSelection folder = spec.folder();
		String input = (pattern != null) ? pattern.describe()
				: (folder != null) ? spec.path() + " (" + folder.describe() + ")" : spec.path().toString();
		ScheduleView scheduleView = (schedule != null) ? new ScheduleView(schedule.cron(), schedule.zone().getId(),
				schedule.missed().name().toLowerCase().replace('_', '-')) : null;
		return new JobView(entry.name(), entry.file().toString(), true, null, input, inputProblem(job), scheduleView,
				schedules.nextTrigger(job).orElse(null), busy, last);
	}

	/**
	 * What keeps the job's input from being read now; a cheap look at the file system, no
	 * inspection.
	 */
	static @Nullable String inputProblem(JobFile job) {
		InputPattern pattern = job.inputPattern();
		if (pattern != null) {
			return Files.isDirectory(pattern.folder()) ? null
					: "the input folder " + pattern.folder() + " does not exist; create it, or correct input.pattern";
		}
		Path input = job.definition().input().path();
		if (job.definition().input().isFolder()) {
			// a folder's files are the rows: the folder itself must be there
			return Files.isDirectory(input) ? null
					: "the input folder " + input + " does not exist; create it, or correct input.folder";
		}
		if (Files.isDirectory(input)) {
			return "the input " + input + " is a folder, not a file; correct input.path";
		}
		if (!Files.isRegularFile(input)) {
			return "the input file " + input + " does not exist; put it there, or correct input.path";
		}
		return null;
	}

	private static TriggerView trigger(TriggerReport report) {
		return new TriggerView(report.at(), report.outcome());
	}

}
