package dev.glmbatch.web.api;

import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.run.RunRefusedException;
import dev.glmbatch.run.schedule.JobBusyException;
import dev.glmbatch.run.schedule.LaunchFailedException;
import dev.glmbatch.run.schedule.NoSuchRunException;
import dev.glmbatch.run.schedule.RunStateException;
import dev.glmbatch.run.schedule.UnknownJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every API error as an RFC 9457 problem detail: Spring MVC's own errors (bad id,
 * unknown path, wrong method) through the base class, and the service's conditions by
 * type: unknown job or run 404, a busy job or a run in the wrong state 409, a job or
 * input that cannot run 422.
 */
@RestControllerAdvice
@ConditionalOnBooleanProperty("glmbatch.service.enabled")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler({ UnknownJobException.class, NoSuchRunException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex);
	}

	@ExceptionHandler({ JobBusyException.class, RunStateException.class, RunRefusedException.class })
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict with the run's state", ex);
	}

	@ExceptionHandler({ LaunchFailedException.class, JobDefinitionException.class })
	ProblemDetail cannotRun(RuntimeException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "The job cannot run", ex);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex);
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		log.debug("API answered {}: {}", status.value(), ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.valueOf(ex.getMessage()));
		problem.setTitle(title);
		return problem;
	}

}
