package dev.glmbatch.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only requests that carry {@code Authorization: Bearer <token>}; others get 401 as a problem detail.
 * The health endpoint stays open for probes. The token is compared in constant time and never logged.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

	private static final String BEARER = "Bearer ";

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
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
					+ "\"detail\":\"Send the service token as: Authorization: Bearer <token>"
					+ " (glmbatch.service.token).\",\"instance\":\"" + jsonEscaped(request.getRequestURI()) + "\"}");
	}

	private static String jsonEscaped(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
