package dev.glmbatch.llm.glm;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.glm.api.ErrorBody;

import static org.assertj.core.api.Assertions.assertThat;

class GlmFaultClassifierTests {

	private final GlmFaultClassifier classifier = new GlmFaultClassifier();

	@ParameterizedTest(name = "code {0} with HTTP {1} is {2}")
	@CsvSource(nullValues = "-", textBlock = """
			# rate limits and overload
			1302, 429, TRANSIENT
			1303, 429, TRANSIENT
			1305, 429, TRANSIENT
			1305, 200, TRANSIENT
			1312, 429, TRANSIENT
			1230, 500, TRANSIENT
			1234, 500, TRANSIENT
			1120, 429, TRANSIENT
			500,  500, TRANSIENT
			# content and parameters of this request
			1301, 400, ITEM
			1300, 400, ITEM
			1210, 400, ITEM
			1213, 400, ITEM
			1214, 400, ITEM
			1215, 400, ITEM
			1261, 400, ITEM
			1231, 400, ITEM
			context_length_exceeded, 400, ITEM
			# account, auth, model, quota: business code beats the status
			1113, 429, FATAL
			1000, 401, FATAL
			1001, 401, FATAL
			1002, 401, FATAL
			1003, 401, FATAL
			1004, 401, FATAL
			1100, 400, FATAL
			1110, 429, FATAL
			1111, 429, FATAL
			1112, 429, FATAL
			1121, 429, FATAL
			1211, 400, FATAL
			1212, 400, FATAL
			1220, 403, FATAL
			1221, 400, FATAL
			1222, 404, FATAL
			1304, 429, FATAL
			1308, 429, FATAL
			1309, 429, FATAL
			1310, 429, FATAL
			1311, 429, FATAL
			1313, 429, FATAL
			1314, 429, FATAL
			1321, 429, FATAL
			1399, 429, FATAL
			1399, 400, ITEM
			# no code: the status decides
			-, 500, TRANSIENT
			-, 502, TRANSIENT
			-, 503, TRANSIENT
			-, 529, TRANSIENT
			-, 408, TRANSIENT
			-, 429, TRANSIENT
			-, 401, FATAL
			-, 403, FATAL
			-, 404, FATAL
			-, 400, ITEM
			-, 422, ITEM
			-, 200, TRANSIENT
			# unknown codes: conservative default
			1999, 500, TRANSIENT
			1999, 429, TRANSIENT
			1999, 400, ITEM
			1999, 200, ITEM
			1999, 401, FATAL
			# OpenAI-style servers echo the status as the code
			400, 400, ITEM
			503, 503, TRANSIENT
			404, 404, FATAL
			""")
	void classifiesByBusinessCodeFirstAndStatusSecond(String code, int status, FaultKind expected) {
		assertThat(classifier.classify(code, status)).isEqualTo(expected);
	}

	@Test
	void givesAccountUnreachableOnlyAFewAttempts() {
		assertThat(classifier.attemptLimit("1120", 6)).isEqualTo(3);
		assertThat(classifier.attemptLimit("1120", 2)).isEqualTo(2);
		assertThat(classifier.attemptLimit("1302", 6)).isEqualTo(6);
		assertThat(classifier.attemptLimit(null, 6)).isEqualTo(6);
	}

	@Test
	void serverErrorCarriesCodeStatusRetryAfterAndShortenedMessage() {
		GlmFault fault = classifier.serverError(429,
				new ErrorBody("1302", "High concurrency\n usage " + "x".repeat(500)), Duration.ofSeconds(7),
				"glmb-1-a1");

		assertThat(fault.kind()).isEqualTo(FaultKind.TRANSIENT);
		assertThat(fault.code()).isEqualTo("1302");
		assertThat(fault.httpStatus()).isEqualTo(429);
		assertThat(fault.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(fault.getMessage()).startsWith("HTTP 429, code 1302: High concurrency usage x").hasSizeLessThan(340);
	}

	@ParameterizedTest(name = "non-JSON body with HTTP {0} is {1}")
	@CsvSource({ "200, TRANSIENT", "502, TRANSIENT", "405, TRANSIENT", "401, FATAL", "404, FATAL" })
	void treatsUnreadableBodiesAsProxyFaultsUnlessTheStatusIsFatal(int status, FaultKind expected) {
		assertThat(classifier.unreadableBody(status, null).kind()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "finish_reason {0}, empty answer {1} -> {2}")
	@CsvSource(nullValues = "-", textBlock = """
			network_error,                 false, TRANSIENT
			sensitive,                     false, ITEM
			sensitive,                     true,  ITEM
			model_context_window_exceeded, true,  ITEM
			length,                        true,  ITEM
			length,                        false, -
			stop,                          true,  -
			stop,                          false, -
			tool_calls,                    false, -
			something_new,                 false, -
			""")
	void judgesFinishReasons(String wire, boolean emptyAnswer, FaultKind expected) {
		GlmFault fault = classifier.unusableAnswer(FinishReason.fromWire(wire), wire, emptyAnswer);

		if (expected == null) {
			assertThat(fault).isNull();
		}
		else {
			assertThat(fault).isNotNull();
			assertThat(fault.kind()).isEqualTo(expected);
			assertThat(fault.code()).isEqualTo(wire);
		}
	}

}
