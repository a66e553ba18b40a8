package dev.glmbatch.llm.glm.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code response_format} object; GLM knows {@code text} and {@code json_object}, no
 * JSON schema.
 *
 * @param type the format name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(@JsonProperty("type") String type) {

	public ResponseFormat {
		Objects.requireNonNull(type, "type");
	}

	public static ResponseFormat jsonObject() {
		return new ResponseFormat("json_object");
	}

}
