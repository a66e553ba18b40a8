package dev.glmbatch.web.api;

import java.net.URI;
import java.util.List;

import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.schedule.CatalogueEntry;
import dev.glmbatch.run.schedule.JobCatalogue;
import dev.glmbatch.run.schedule.JobSchedules;
import dev.glmbatch.run.schedule.Launch;
import dev.glmbatch.run.schedule.LaunchFailedException;
import dev.glmbatch.run.schedule.RunLauncher;
import dev.glmbatch.run.schedule.UnknownJobException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The jobs of the jobs folder: list, reload, start. */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
class JobsController {

	private final JobCatalogue catalogue;

	private final JobSchedules schedules;

	private final RunLauncher launcher;

	JobsController(JobCatalogue catalogue, JobSchedules schedules, RunLauncher launcher) {
		this.catalogue = catalogue;
		this.schedules = schedules;
		this.launcher = launcher;
	}

	@GetMapping
	List<JobView> list() {
		return catalogue.entries().stream().map(entry -> JobView.of(entry, schedules, launcher)).toList();
	}

	@GetMapping("/{name}")
	JobView get(@PathVariable String name) {
		return JobView.of(entry(name), schedules, launcher);
	}

	@PostMapping("/reload")
	List<JobView> reload() {
		return schedules.reload().stream().map(entry -> JobView.of(entry, schedules, launcher)).toList();
	}

	/**
	 * Starts the job: 202 with the run (STARTED, or RESUMED when an unfinished run of the
	 * input was resumed) or the sweep, 200 when its input was already processed.
	 * {@code new=true} starts a fresh run whatever the earlier runs (the command line's
	 * {@code --new}; answers paid before are re-used unless the job sets
	 * {@code reuse: false}).
	 */
	@PostMapping("/{name}/runs")
	ResponseEntity<LaunchView> start(@PathVariable String name,
			@RequestParam(name = "new", defaultValue = "false") boolean fresh) {
		CatalogueEntry entry = entry(name);
		JobFile job = entry.job();
		if (job == null) {
			throw new LaunchFailedException("Job '" + name + "' cannot run: " + entry.problem(),
					new IllegalStateException("invalid job file"));
		}
		Launch launch = launcher.start(job, fresh);
		LaunchView view = LaunchView.of(launch);
		if (launch.kind() == Launch.Kind.ALREADY_COMPLETED) {
			return ResponseEntity.ok(view);
		}
		ResponseEntity.BodyBuilder accepted = ResponseEntity.status(HttpStatus.ACCEPTED);
		if (view.href() != null) {
			accepted.location(URI.create(view.href()));
		}
		return accepted.body(view);
	}

	private CatalogueEntry entry(String name) {
		return catalogue.find(name).orElseThrow(() -> new UnknownJobException(name));
	}

}
