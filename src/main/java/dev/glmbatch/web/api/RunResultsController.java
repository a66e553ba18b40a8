package dev.glmbatch.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.run.RunExports;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.schedule.Launch;
import dev.glmbatch.run.schedule.NoSuchRunException;
import dev.glmbatch.run.schedule.RunLauncher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A finished run's results, made again from the rows it committed: downloaded in any
 * format without any call, and its rejected rows retried as a new run. The plain
 * {@code GET /api/runs/{id}/output} (the file the run wrote) stays with
 * {@link RunsController}; a {@code format} parameter brings the request here.
 */
@RestController
@RequestMapping("/api/runs")
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
class RunResultsController {

	private static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");

	private final Runs runs;

	private final RunExports exports;

	private final RunLauncher launcher;

	RunResultsController(Runs runs, RunExports exports, RunLauncher launcher) {
		this.runs = runs;
		this.exports = exports;
		this.launcher = launcher;
	}

	/**
	 * The run's committed results in the format asked for, written from the staging table
	 * into a temporary file that is streamed, then deleted: 409 while the run is running
	 * or when it has committed nothing.
	 */
	@GetMapping(path = "/{id}/output", params = "format")
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @RequestParam String format) {
		OutputFormat chosen = OutputFormat.ofName(format);
		if (chosen == null) {
			throw new IllegalArgumentException("format must be csv, xlsx or jsonl, was '" + format + "'");
		}
		RunSummary run = runs.status(id).orElseThrow(() -> new NoSuchRunException(id));
		String name = String.valueOf(RunExports.withExtensionOf(Path.of(run.output()), chosen).getFileName());
		Path folder = temporaryFolder();
		RunExports.Export export;
		try {
			export = exports.export(id, folder.resolve(name), chosen);
		}
		catch (RuntimeException ex) {
			deleteQuietly(folder);
			throw ex;
		}
		Path file = export.file();
		StreamingResponseBody body = out -> {
			try {
				Files.copy(file, out);
			}
			finally {
				deleteQuietly(folder);
			}
		};
		MediaType type = (chosen == OutputFormat.JSONL) ? JSONL
				: MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	/**
	 * Starts a new run of the run's job that processes again only the rows it rejected:
	 * 202 with the new run's id; 409 while the run is running, when it has not completed,
	 * or when it rejected no row.
	 */
	@PostMapping("/{id}/retry")
	ResponseEntity<Map<String, Long>> retry(@PathVariable long id) {
		Launch launch = launcher.retry(id);
		long runId = Objects.requireNonNull(launch.runId());
		return ResponseEntity.accepted().location(URI.create("/api/runs/" + runId)).body(Map.of("runId", runId));
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("glm-batch-export-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary folder for the export: " + ex.getMessage(), ex);
		}
	}

	private static void deleteQuietly(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// a file left in the temporary folder is the system's to clean
		}
	}

}
