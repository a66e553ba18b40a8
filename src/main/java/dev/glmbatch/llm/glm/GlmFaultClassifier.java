package dev.glmbatch.llm.glm;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.glm.api.ErrorBody;

/**
 * The one place that decides what a failed attempt means. The business code wins over the
 * HTTP status, because Z.AI sends "balance exhausted" (1113) as HTTP 429 like a rate
 * limit. Codes this version does not know get a conservative default: transient with HTTP
 * 5xx or 429, otherwise the item fails; each is logged once at WARN.
 */
final class GlmFaultClassifier {

	private static final Logger log = LoggerFactory.getLogger(GlmFaultClassifier.class);

	/** Rate limits, overload, flow errors. */
	private static final Set<String> TRANSIENT_CODES = Set.of("500", "1120", "1230", "1234", "1302", "1303", "1305",
			"1312");

	/**
	 * Content refused, prompt too long, invalid parameter of this request; and 1231, "a
	 * request with this id already exists": the server already holds (and bills) an
	 * earlier copy of the request, which the client resent under the same id after a
	 * timeout, or something between us sent again. Resending under a new id would pay a
	 * second time, so the row is recorded as failed instead.
	 */
	private static final Set<String> ITEM_CODES = Set.of("1200", "1210", "1213", "1214", "1215", "1231", "1261", "1300",
			"1301", "context_length_exceeded");

	/**
	 * Authentication, account, balance, model access and quota: nothing succeeds until
	 * someone acts.
	 */
	private static final Set<String> FATAL_CODES = Set.of("1000", "1001", "1002", "1003", "1004", "1100", "1110",
			"1111", "1112", "1113", "1121", "1211", "1212", "1220", "1221", "1222", "1304", "1308", "1309", "1310",
			"1311", "1313", "1314", "1315", "1316", "1317", "1318", "1319", "1320", "1321");

	/**
	 * Usage quotas and account limits that lift without a change to the job (daily, usage
	 * cap, weekly or monthly, fair use, and the quota and billing codes 1314–1321): stop,
	 * resume later.
	 */
	private static final Set<String> QUOTA_CODES = Set.of("1304", "1308", "1310", "1313", "1314", "1315", "1316",
			"1317", "1318", "1319", "1320", "1321");

	/**
	 * The 13xx codes that are not about the account: content refusals and rate limits.
	 */
	private static final Set<String> NOT_ACCOUNT_13XX = Set.of("1300", "1301", "1302", "1303", "1305", "1312");

	/**
	 * "Cannot access the account, try later": worth a few tries, not a full retry budget.
	 */
	private static final Set<String> FEW_RETRIES_CODES = Set.of("1120");

	private static final int FEW_RETRIES = 3;

	private static final int MESSAGE_LIMIT = 300;

	private final Set<String> reportedUnknownCodes = ConcurrentHashMap.newKeySet();

	static boolean isTransientCode(String code) {
		return TRANSIENT_CODES.contains(code);
	}

	static boolean isItemCode(String code) {
		return ITEM_CODES.contains(code);
	}

	static boolean isFatalCode(String code) {
		return FATAL_CODES.contains(code);
	}

	static boolean isQuotaCode(@Nullable String code) {
		return code != null && QUOTA_CODES.contains(code);
	}

	/**
	 * Whether the fault is a usage quota or account limit that stops the job rather than
	 * failing it: a known quota code, or a 13xx code this version does not know that came
	 * as HTTP 429 (Z.AI adds quota codes to that range).
	 */
	static boolean isQuotaStop(@Nullable String code, int httpStatus) {
		return isQuotaCode(code) || isUnknownAccountCode(code, httpStatus);
	}

	/**
	 * An HTTP 429 with a 13xx code this version does not know: a quota or account
	 * condition, never a rate limit.
	 */
	static boolean isUnknownAccountCode(@Nullable String code, int httpStatus) {
		return code != null && httpStatus == 429 && code.length() == 4 && code.startsWith("13")
				&& code.chars().allMatch(Character::isDigit) && !NOT_ACCOUNT_13XX.contains(code) && !isKnownCode(code);
	}

	static boolean isKnownCode(String code) {
		return isTransientCode(code) || isItemCode(code) || isFatalCode(code);
	}

	/**
	 * Authentication refused, the endpoint or model does not exist, or the base URL
	 * redirects: every request would fail the same way.
	 */
	static boolean isFatalStatus(int status) {
		return status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400);
	}

	/** Timeouts, conflicts, rate limits and server errors. */
	static boolean isTransientStatus(int status) {
		return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
	}

	/**
	 * OpenAI-style servers put the HTTP status into {@code code}; it then says nothing
	 * the status does not.
	 */
	static boolean isStatusEcho(String code, int status) {
		return code.equals(Integer.toString(status)) && !isKnownCode(code);
	}

	/**
	 * Classifies an error reported by the server.
	 * @param code the business code, or {@code null}
	 * @param httpStatus the HTTP status; 200 for an error inside a successful response or
	 * stream
	 * @return what the error means
	 */
	FaultKind classify(@Nullable String code, int httpStatus) {
		if (code != null && !isStatusEcho(code, httpStatus)) {
			if (isTransientCode(code)) {
				return FaultKind.TRANSIENT;
			}
			if (isItemCode(code)) {
				return FaultKind.ITEM;
			}
			if (isFatalCode(code) || isUnknownAccountCode(code, httpStatus)) {
				return FaultKind.FATAL;
			}
			if (isFatalStatus(httpStatus)) {
				return FaultKind.FATAL;
			}
			return isTransientStatus(httpStatus) ? FaultKind.TRANSIENT : FaultKind.ITEM;
		}
		if (isFatalStatus(httpStatus)) {
			return FaultKind.FATAL;
		}
		if (isTransientStatus(httpStatus) || httpStatus < 300) {
			// an in-band error without a code on a 2xx says nothing about the request
			// itself
			return FaultKind.TRANSIENT;
		}
		return FaultKind.ITEM;
	}

	/** How many attempts a transient fault with this code deserves. */
	int attemptLimit(@Nullable String code, int maxAttempts) {
		return (code != null && FEW_RETRIES_CODES.contains(code)) ? Math.min(FEW_RETRIES, maxAttempts) : maxAttempts;
	}

	/** An HTTP error status, or an error object inside an HTTP 200 body or stream. */
	GlmFault serverError(int httpStatus, @Nullable ErrorBody body, @Nullable Duration retryAfter, String requestId) {
		String code = (body != null) ? body.code() : null;
		if (code != null && !isKnownCode(code) && !isStatusEcho(code, httpStatus) && reportedUnknownCodes.add(code)) {
			log.warn("Unknown GLM error code {} (HTTP {}, request id {}); treated as {}", code, httpStatus, requestId,
					classify(code, httpStatus));
		}
		StringBuilder message = new StringBuilder("HTTP ").append(httpStatus);
		if (code != null) {
			message.append(", code ").append(code);
		}
		String serverMessage = (body != null) ? body.message() : null;
		if (serverMessage != null && !serverMessage.isBlank()) {
			message.append(": ").append(shorten(serverMessage));
		}
		return new GlmFault(classify(code, httpStatus), message.toString(), code, httpStatus, retryAfter, null);
	}

	/**
	 * A body that is not the JSON we expect: a proxy's HTML page, a truncated or garbled
	 * body.
	 */
	GlmFault unreadableBody(int httpStatus, @Nullable Duration retryAfter) {
		FaultKind kind = isFatalStatus(httpStatus) ? FaultKind.FATAL : FaultKind.TRANSIENT;
		return new GlmFault(kind, "HTTP " + httpStatus + " with a body that is not a GLM JSON response", null,
				httpStatus, retryAfter, null);
	}

	/**
	 * The per-attempt deadline passed: no headers yet, or the body arrived too slowly.
	 */
	GlmFault timedOut(Duration callTimeout, int httpStatus, @Nullable HttpTimeoutException cause) {
		return GlmFault.unanswered("no complete answer within glm.call-timeout " + callTimeout, httpStatus, cause);
	}

	/** Connection refused, reset or closed before the answer was complete. */
	GlmFault connectionFailed(int httpStatus, IOException cause) {
		String detail = (cause.getMessage() != null) ? ": " + shorten(cause.getMessage()) : "";
		return new GlmFault(FaultKind.TRANSIENT,
				"connection failed (" + cause.getClass().getSimpleName() + detail + ")", null, httpStatus, null, cause);
	}

	/** A stream that ended before its last chunk: the connection dropped. */
	GlmFault streamCut() {
		return new GlmFault(FaultKind.TRANSIENT, "stream ended without a finish_reason", null, 200, null, null);
	}

	/**
	 * A completed response whose finish reason means there is no usable answer.
	 * @return the fault, or {@code null} when the answer is usable
	 */
	@Nullable GlmFault unusableAnswer(FinishReason finishReason, @Nullable String wireValue, boolean contentEmpty) {
		String code = (wireValue != null) ? wireValue : finishReason.name().toLowerCase(Locale.ROOT);
		return switch (finishReason) {
			case NETWORK_ERROR -> new GlmFault(FaultKind.TRANSIENT, "finish_reason network_error (inference failed)",
					code, 200, null, null);
			case SENSITIVE -> new GlmFault(FaultKind.ITEM,
					"finish_reason sensitive: content refused by the safety " + "filter; partial text discarded", code,
					200, null, null);
			case MODEL_CONTEXT_WINDOW_EXCEEDED -> new GlmFault(FaultKind.ITEM,
					"finish_reason model_context_window_exceeded: prompt too long for the model", code, 200, null,
					null);
			case LENGTH -> contentEmpty ? new GlmFault(FaultKind.ITEM,
					"finish_reason length with an empty answer: "
							+ "reasoning used up max_tokens; raise max_tokens or disable thinking",
					code, 200, null, null) : null;
			default -> null;
		};
	}

	private static String shorten(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return (flat.length() <= MESSAGE_LIMIT) ? flat : flat.substring(0, MESSAGE_LIMIT) + "…";
	}

}
