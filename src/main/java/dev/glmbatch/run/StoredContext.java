package dev.glmbatch.run;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The text entries of an execution context as the job repository stored it, which is all
 * a run's summary reads (why it failed or stopped, the command that resumes it). The
 * repository's serializer ({@link RunStateReader#contextSerializer()}) writes the context
 * as one JSON object, a text as a plain JSON string; other values (numbers, typed
 * objects) are left out here. Read with Jackson's streaming parser: building the
 * serializer's object mapper, with its polymorphic typing, costs about a second of CPU,
 * more than the rest of {@code list} or {@code status}.
 */
final class StoredContext {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private StoredContext() {
	}

	/**
	 * The text entries of the context stored for an execution.
	 * @throws IllegalStateException when the stored text is not a JSON object
	 */
	static ExecutionContext strings(long executionId, String json) {
		ExecutionContext context = new ExecutionContext();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException(unreadable(executionId) + ": not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				if (parser.nextToken() == JsonToken.VALUE_STRING) {
					context.putString(name, parser.getString());
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(unreadable(executionId), ex);
		}
		return context;
	}

	private static String unreadable(long executionId) {
		return "Cannot read the execution context of execution " + executionId;
	}

}
