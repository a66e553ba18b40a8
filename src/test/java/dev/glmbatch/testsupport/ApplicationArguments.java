package dev.glmbatch.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line arguments that start the application in this JVM against a simulator. */
final class ApplicationArguments {

	private ApplicationArguments() {
	}

	/** GLM at {@code glmBaseUrl} with a test key and retries quick enough for tests. */
	static Map<String, Object> glm(URI glmBaseUrl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("glm.base-url", glmBaseUrl.toString());
		properties.put("glm.api-key", "test-key");
		properties.put("glm.initial-backoff", "10ms");
		properties.put("glm.max-backoff", "50ms");
		return properties;
	}

	/** {@code --key=value} for each property, in map order. */
	static String[] of(Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

}
