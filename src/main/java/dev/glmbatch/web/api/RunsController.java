package dev.glmbatch.web.api;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.schedule.Launch;
import dev.glmbatch.run.schedule.NoSuchRunException;
import dev.glmbatch.run.schedule.RunLauncher;
import dev.glmbatch.run.schedule.RunStateException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs: list, status, stop, resume, report and file downloads. */
@RestController
@RequestMapping("/api/runs")
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
class RunsController {

	private static final int MAX_LIMIT = 1000;

	private final Runs runs;

	private final RunLauncher launcher;

	RunsController(Runs runs, RunLauncher launcher) {
		this.runs = runs;
		this.launcher = launcher;
	}

	@GetMapping
	List<RunView> list(@RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) @Nullable String job) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		return runs.list(job == null ? limit : MAX_LIMIT)
			.stream()
			.filter(run -> job == null || run.jobName().equals(job))
			.limit(limit)
			.map(RunView::of)
			.toList();
	}

	@GetMapping("/{id}")
	RunView get(@PathVariable long id) {
		return RunView.of(run(id));
	}

	/**
	 * Asks the run to stop at its next chunk boundary, whichever process works it. A run
	 * stopped this way is not resumed when the service starts again.
	 */
	@PostMapping("/{id}/stop")
	ResponseEntity<RunView> stop(@PathVariable long id) {
		RunSummary run = run(id);
		if (run.status() != RunStatus.STARTED && run.status() != RunStatus.STOPPING) {
			throw new RunStateException(
					"Run " + id + " is not running (" + run.status() + "); there is nothing to stop.");
		}
		if (!launcher.requestStop(id)) {
			throw new RunStateException("Run " + id + " is marked " + run.status()
					+ " but no process is working it (it died); it is not resumed at the next start. Resume it with"
					+ " POST /api/runs/" + id + "/resume.");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunView.of(run(id)));
	}

	@PostMapping("/{id}/resume")
	ResponseEntity<LaunchView> resume(@PathVariable long id) {
		Launch launch = launcher.resume(id);
		return ResponseEntity.accepted().location(URI.create("/api/runs/" + id)).body(LaunchView.of(launch));
	}

	@GetMapping("/{id}/report")
	RunReportView report(@PathVariable long id) {
		return RunReportView.of(run(id), runs.rejectPath(id).orElse(null),
				runs.outputState(id).orElse(Runs.OutputState.UNKNOWN));
	}

	/**
	 * The output file of the run: 409 when the file at its path is no longer the one the
	 * run wrote (its checksum, kept when the run completed, differs), rather than another
	 * run's results under this run's name.
	 */
	@GetMapping("/{id}/output")
	ResponseEntity<Resource> output(@PathVariable long id) {
		RunSummary run = run(id);
		if (runs.outputState(id).orElse(Runs.OutputState.UNKNOWN) == Runs.OutputState.REPLACED) {
			throw new RunStateException("The output of run " + id + " (" + run.output() + ") has been replaced since"
					+ " the run wrote it: a later run of job '" + run.jobName() + "' or a person wrote another file"
					+ " there. Download the output of the latest run of the job instead, or give each run its own"
					+ " file ({date} or {input} in the job's output path).");
		}
		return download(id, Path.of(run.output()), "output");
	}

	@GetMapping("/{id}/rejects")
	ResponseEntity<Resource> rejects(@PathVariable long id) {
		run(id);
		Path rejects = runs.rejectPath(id).orElseThrow(() -> new NoSuchRunException(id));
		return download(id, rejects, "reject file");
	}

	private ResponseEntity<Resource> download(long id, Path file, String what) {
		if (!Files.isRegularFile(file)) {
			throw new RunStateException("The " + what + " of run " + id + " is not there (" + file
					+ "); it is written when the run completes.");
		}
		String name = String.valueOf(file.getFileName());
		MediaType type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(file));
	}

	private RunSummary run(long id) {
		return runs.status(id).orElseThrow(() -> new NoSuchRunException(id));
	}

}
