package dev.glmbatch.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The state databases tests run on: embedded H2 in a file under the test's folder always,
 * and PostgreSQL when {@value #POSTGRES_URL} names a server ({@code .ci/run} starts one,
 * user and password {@code batch}).
 */
public final class TestDatabases {

	public static final String POSTGRES_URL = "GLMBATCH_TEST_POSTGRES_URL";

	public static final String H2 = "h2";

	public static final String POSTGRESQL = "postgresql";

	private static final String USER = "batch";

	private static final String PASSWORD = "batch";

	private TestDatabases() {
	}

	/**
	 * {@code h2}, then {@code postgresql} when a server is configured: a source for
	 * parameterised tests.
	 */
	public static Stream<String> names() {
		return (postgresUrl() == null) ? Stream.of(H2) : Stream.of(H2, POSTGRESQL);
	}

	/** The configured PostgreSQL JDBC URL, or {@code null}. */
	public static @Nullable String postgresUrl() {
		String url = System.getenv(POSTGRES_URL);
		return (url == null || url.isBlank()) ? null : url;
	}

	/**
	 * The environment that points a glm-batch process at a database: nothing for
	 * {@link #H2} (the process keeps its own file under its working folder),
	 * {@code SPRING_DATASOURCE_*} for {@link #POSTGRESQL}; a new map, which the caller
	 * may add to.
	 */
	public static Map<String, String> environment(String database) {
		Map<String, String> environment = new LinkedHashMap<>();
		switch (database) {
			case H2 -> {
			}
			case POSTGRESQL -> {
				environment.put("SPRING_DATASOURCE_URL", requiredPostgresUrl());
				environment.put("SPRING_DATASOURCE_USERNAME", USER);
				environment.put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
			}
			default -> throw new IllegalArgumentException("unknown test database " + database);
		}
		return environment;
	}

	/** A connection to the configured PostgreSQL server as the tests' user. */
	public static Connection postgresConnection() throws SQLException {
		return DriverManager.getConnection(requiredPostgresUrl(), USER, PASSWORD);
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
				properties.put("spring.datasource.url", requiredPostgresUrl());
				properties.put("spring.datasource.username", USER);
				properties.put("spring.datasource.password", PASSWORD);
			}
			default -> throw new IllegalArgumentException("unknown test database " + database);
		}
		// a database keeps every earlier test's paid answers (the PostgreSQL server
		// across
		// test classes, an H2 file across the tests of a class): a test's calls and costs
		// must not depend on which tests ran before it. The tests of reuse across runs
		// turn it on themselves.
		properties.put("glmbatch.reuse-across-runs", "false");
		return properties;
	}

	private static String requiredPostgresUrl() {
		String url = postgresUrl();
		if (url == null) {
			throw new IllegalStateException(POSTGRES_URL + " is not set");
		}
		return url;
	}

}
