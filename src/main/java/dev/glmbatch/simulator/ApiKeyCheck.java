package dev.glmbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the {@code Authorization} header: a missing header or a non-Bearer scheme is
 * {@code 1001}; a token that is neither a configured key nor a valid signed token of one
 * is {@code 1002}; an expired signed token is {@code 1003}. With no keys configured, any
 * non-empty token passes.
 *
 * <p>
 * Keys look like {@code <id>.<secret>}. The signed form is a three-part JWT (HS256 with
 * the secret) whose payload carries {@code api_key} (the id) and {@code exp}, in
 * milliseconds like the official SDKs (seconds are accepted).
 */
final class ApiKeyCheck {

	private static final String BEARER = "bearer ";

	// exp values below this are taken as seconds rather than milliseconds
	private static final long SECONDS_CUTOFF = 100_000_000_000L;

	private final Set<String> keys;

	private final ObjectMapper mapper;

	private final Clock clock;

	ApiKeyCheck(Set<String> keys, ObjectMapper mapper, Clock clock) {
		this.keys = keys;
		this.mapper = mapper;
		this.clock = clock;
	}

	void check(@Nullable String authorization) throws RequestRejectedException {
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
				|| authorization.substring(BEARER.length()).isBlank()) {
			throw RequestRejectedException.of("1001");
		}
		String token = authorization.substring(BEARER.length()).trim();
		if (this.keys.isEmpty() || this.keys.contains(token)) {
			return;
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3 || !isSignedByKnownKey(parts)) {
			throw RequestRejectedException.of("1002");
		}
	}

	private boolean isSignedByKnownKey(String[] parts) throws RequestRejectedException {
		JsonNode payload = decode(parts[1]);
		if (payload == null) {
			return false;
		}
		JsonNode keyId = payload.get("api_key");
		if (keyId == null || !keyId.isString()) {
			return false;
		}
		for (String key : this.keys) {
			int dot = key.indexOf('.');
			if (dot > 0 && key.substring(0, dot).equals(keyId.stringValue())
					&& signatureMatches(parts, key.substring(dot + 1))) {
				checkNotExpired(payload.get("exp"));
				return true;
			}
		}
		return false;
	}

	private void checkNotExpired(@Nullable JsonNode exp) throws RequestRejectedException {
		if (exp == null || !exp.isNumber()) {
			return;
		}
		long expiry = exp.longValue();
		long expiryMillis = (expiry < SECONDS_CUTOFF) ? expiry * 1000 : expiry;
		if (expiryMillis < this.clock.millis()) {
			throw RequestRejectedException.of("1003");
		}
	}

	private @Nullable JsonNode decode(String part) {
		try {
			JsonNode node = this.mapper.readTree(Base64.getUrlDecoder().decode(part));
			return (node != null && node.isObject()) ? node : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private static boolean signatureMatches(String[] parts, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			byte[] actual = Base64.getUrlDecoder().decode(parts[2]);
			return MessageDigest.isEqual(expected, actual);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

}
