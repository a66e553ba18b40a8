package dev.glmbatch.web.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobFileProblem;
import dev.glmbatch.run.RunRefusedException;
import dev.glmbatch.run.schedule.JobBusyException;
import dev.glmbatch.run.schedule.LaunchFailedException;
import dev.glmbatch.run.schedule.NoSuchRunException;
import dev.glmbatch.run.schedule.RunStateException;
import dev.glmbatch.run.schedule.UnknownJobException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API's error mapping on its own: each condition the service raises, and Spring MVC's
 * own request errors, become a problem detail with the right status, title and detail. A
 * controller made for the test throws each one; no run, job folder or database is
 * involved.
 */
// the command line's default is no web application; the service's profile turns it on,
// and so does this test
@WebMvcTest(controllers = ApiExceptionHandlerTests.FailingController.class,
		properties = { "spring.main.web-application-type=servlet", "glmbatch.service.enabled=true" })
@Import(ApiExceptionHandlerTests.FailingController.class)
class ApiExceptionHandlerTests {

	private static final Map<String, RuntimeException> FAILURES = Map.of("unknown-job",
			new UnknownJobException("nightly"), "no-such-run", new NoSuchRunException(42), "busy",
			new JobBusyException("nightly", "run 7 is running"), "wrong-state",
			new RunStateException("Run 7 is not running (COMPLETED); there is nothing to stop."), "refused",
			new RunRefusedException("Run 7 cannot resume: input.csv has changed since it started."), "launch-failed",
			new LaunchFailedException(
					"Job 'nightly' could not start: the input is missing", new IOException("input.csv")),
			"bad-job-file",
			new JobDefinitionException(Path.of("jobs", "nightly.yaml").toAbsolutePath(),
					JobFileProblem.at("task.kind", 3, "unknown task 'translat'", "use translate")),
			"bad-argument", new IllegalArgumentException("limit must be between 1 and 1000, was 0"));

	@Autowired
	private MockMvc mvc;

	static Stream<Arguments> conditions() {
		return Stream.of(Arguments.of("unknown-job", 404, "Not found"), Arguments.of("no-such-run", 404, "Not found"),
				Arguments.of("busy", 409, "Conflict with the run's state"),
				Arguments.of("wrong-state", 409, "Conflict with the run's state"),
				Arguments.of("refused", 409, "Conflict with the run's state"),
				Arguments.of("launch-failed", 422, "The job cannot run"),
				Arguments.of("bad-job-file", 422, "The job cannot run"),
				Arguments.of("bad-argument", 400, "Bad request"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("conditions")
	void eachConditionIsAProblemDetail(String kind, int status, String title) throws Exception {
		this.mvc.perform(get("/test/fail/{kind}", kind))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			// no "type" member: by RFC 9457 that is "about:blank", the status says it all
			.andExpect(jsonPath("$.type").doesNotExist())
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail").value(FAILURES.get(kind).getMessage()))
			.andExpect(jsonPath("$.instance").value("/test/fail/" + kind));
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@MethodSource("requestErrors")
	void springsOwnRequestErrorsAreProblemDetailsToo(String method, String uri, int status, String title, String detail)
			throws Exception {
		this.mvc.perform(method.equals("POST") ? post(uri) : get(uri))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.detail", containsString(detail)));
	}

	static Stream<Arguments> requestErrors() {
		return Stream.of(Arguments.of("GET", "/test/runs/seven", 400, "Bad Request", "id"),
				Arguments.of("POST", "/test/runs/7", 405, "Method Not Allowed", "POST"),
				Arguments.of("GET", "/test/nothing-here", 404, "Not Found", "test/nothing-here"));
	}

	/** Throws the failure its path names. */
	@RestController
	static class FailingController {

		@GetMapping("/test/fail/{kind}")
		String fail(@PathVariable String kind) {
			throw FAILURES.get(kind);
		}

		@GetMapping("/test/runs/{id}")
		String run(@PathVariable long id) {
			return "run " + id;
		}

	}

}
