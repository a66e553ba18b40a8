package dev.glmbatch.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The state databases tests run on: embedded H2 in a file under the test's folder always, and PostgreSQL when
 * {@value #POSTGRES_URL} names a server ({@code .ci/run} starts one, user and password {@code batch}).
 */
public final class TestDatabases {

	public static final String POSTGRES_URL = "GLMBATCH_TEST_POSTGRES_URL";

	public static final String H2 = "h2";

	public static final String POSTGRESQL = "postgresql";

	private TestDatabases() {
	}

	/** {@code h2}, then {@code postgresql} when a server is configured: a source for parameterised tests. */
	public static Stream<String> names() {
		return (postgresUrl() == null) ? Stream.of(H2) : Stream.of(H2, POSTGRESQL);
	}

	/** The configured PostgreSQL JDBC URL, or {@code null}. */
	public static @Nullable String postgresUrl() {
		String url = System.getenv(POSTGRES_URL);
		return (url == null || url.isBlank()) ? null : url;
	}

	/**
	 * The {@code spring.datasource.*} properties of a database.
	 * @param database {@link #H2} or {@link #POSTGRESQL}
	 * @param dir the test's folder, which holds the H2 file
	 */
	public static Map<String, Object> properties(String database, Path dir) {
		Map<String, Object> properties = new LinkedHashMap<>();
		switch (database) {
			case H2 -> properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("state/glm-batch"));
			case POSTGRESQL -> {
				String url = postgresUrl();
				if (url == null) {
					throw new IllegalStateException(POSTGRES_URL + " is not set");
				}
				properties.put("spring.datasource.url", url);
				properties.put("spring.datasource.username", "batch");
				properties.put("spring.datasource.password", "batch");
			}
			default -> throw new IllegalArgumentException("unknown test database " + database);
		}
		return properties;
	}

}
