package dev.glmbatch.llm.glm.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodyTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					{"error":{"code":"1302","message":"High concurrency"}}                          | 1302 | High concurrency
					{"error":{"code":1113,"message":"balance"},"request_id":"r1"}                   | 1113 | balance
					{"error":"Unauthorized","code":1002}                                            | 1002 | Unauthorized
					{"code":1214,"msg":"messages illegal"}                                          | 1214 | messages illegal
					{"code":"1261","message":"prompt too long"}                                     | 1261 | prompt too long
					{"error":{"message":"model missing","type":"NotFoundError","code":404}}         | 404  | model missing
					{"error":{"message":"bad","type":"invalid_request_error","code":null}}          | -    | bad
					{"object":"error","message":"too long","type":"BadRequestError","code":400}     | 400  | too long
					{"error":{"message":"x","code":"context_length_exceeded"}}                      | context_length_exceeded | x
					""")
	void readsEveryKnownErrorShape(String json, String code, String message) {
		ErrorBody body = ErrorBody.from(mapper.readTree(json));

		assertThat(body).isNotNull();
		assertThat(body.code()).isEqualTo(code);
		assertThat(body.message()).isEqualTo(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"id":"1","choices":[{"index":0,"message":{"content":"hi"}}]}
			{"id":"1","code":200,"choices":[]}
			{"detail":"Not Found"}
			[1,2]
			""")
	void findsNoErrorInAnswersAndUnknownShapes(String json) {
		assertThat(ErrorBody.from(mapper.readTree(json))).isNull();
	}

}
