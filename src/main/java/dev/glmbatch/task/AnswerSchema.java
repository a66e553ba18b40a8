package dev.glmbatch.task;

import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema (draft 2020-12) a job gives for its answers, and what a repair call is
 * told when an answer does not match it.
 */
final class AnswerSchema {

	/** How many mismatches a repair message names; the rest are only counted. */
	private static final int LISTED_ERRORS = 3;

	private final Schema schema;

	AnswerSchema(String schema) {
		this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(schema, InputFormat.JSON);
	}

	/**
	 * The first mismatches of the value, each after its place in the value, then how many
	 * more there are; {@code null} when the value matches.
	 */
	@Nullable String mismatches(JsonNode value) {
		List<Error> errors = schema.validate(value);
		if (errors.isEmpty()) {
			return null;
		}
		String listed = errors.stream()
			.limit(LISTED_ERRORS)
			.map(error -> error.getInstanceLocation() + " " + error.getMessage())
			.collect(Collectors.joining("; "));
		return listed + ((errors.size() > LISTED_ERRORS) ? " (and " + (errors.size() - LISTED_ERRORS) + " more)" : "");
	}

}
