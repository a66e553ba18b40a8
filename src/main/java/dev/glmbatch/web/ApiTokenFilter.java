package dev.glmbatch.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only requests that carry {@code Authorization: Bearer <token>}; others get
 * 401 as a problem detail. The health endpoint stays open for probes. The token is
 * compared in constant time and never logged.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

	private static final String BEARER = "Bearer ";

	/**
	 * Writes problems as Spring MVC writes the API's other errors (with Spring's mix-in
	 * for problem details).
	 */
	private static final JacksonJsonHttpMessageConverter PROBLEMS = new JacksonJsonHttpMessageConverter();

	private final byte[] token;

	ApiTokenFilter(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean guarded = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
		return !guarded || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.startsWith(BEARER) && MessageDigest
			.isEqual(header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8), token)) {
			chain.doFilter(request, response);
			return;
		}
		log.warn("Refused {} {} from {}: missing or wrong API token", request.getMethod(), request.getRequestURI(),
				request.getRemoteAddr());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Send the service token as: Authorization: Bearer <token> (glmbatch.service.token).");
		problem.setInstance(instance(request));
		ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
		answer.setStatusCode(HttpStatus.UNAUTHORIZED);
		PROBLEMS.write(problem, MediaType.APPLICATION_PROBLEM_JSON, answer);
	}

	/**
	 * The request's path as the problem's instance, or none for a path that is not a
	 * valid URI reference.
	 */
	private static @Nullable URI instance(HttpServletRequest request) {
		try {
			return new URI(request.getRequestURI());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
