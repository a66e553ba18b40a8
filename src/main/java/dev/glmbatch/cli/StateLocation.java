package dev.glmbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.run.StateDatabase;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;

/**
 * Where the run state is, in words for people. By default it is an H2 file under the
 * user's home folder, {@code ~/.glm-batch/state}, whatever the working directory: cron,
 * the service and a shell in any folder see the same runs. {@code spring.datasource.url}
 * (env {@code SPRING_DATASOURCE_URL}) moves it.
 */
final class StateLocation {

	/** The folder of the default H2 state; application.properties names the same. */
	static final Path DEFAULT_FOLDER = Path.of(System.getProperty("user.home"), ".glm-batch", "state");

	/** Where earlier versions kept the state: under the working directory. */
	private static final Path OLD_FOLDER = Path.of(".glm-batch", "state");

	private StateLocation() {
	}

	/**
	 * The configured state database before the context has started: the folder when it is
	 * the default, else the URL.
	 */
	static String describe() {
		String url = connection().url();
		String defaultUrl = "jdbc:h2:file:" + DEFAULT_FOLDER.resolve("glm-batch");
		return (url.equals(defaultUrl) || url.startsWith(defaultUrl + ";")) ? "under " + DEFAULT_FOLDER
				: url.replaceAll("password=[^&;]*", "password=***");
	}

	/**
	 * Where the configured state database keeps its data before the context has started:
	 * H2's file, else the URL as {@link #describe()} shows it.
	 */
	static String dataFile() {
		String url = connection().url();
		String prefix = "jdbc:h2:file:";
		if (!url.startsWith(prefix)) {
			return describe();
		}
		String base = url.substring(prefix.length()).split(";", 2)[0];
		return Path.of(base + ".mv.db").toAbsolutePath().toString();
	}

	/**
	 * The state database's connection settings, resolved as the Spring context resolves
	 * them, without starting one ({@link BootConfiguration}): the command line's
	 * {@code --spring.datasource.url=URL}, system properties, the environment
	 * ({@code SPRING_DATASOURCE_URL}), then {@code application.properties} in the working
	 * directory, its {@code config} folder and the jar.
	 */
	static Connection connection() {
		PropertyResolver configuration = BootConfiguration.resolve(GlmBatchCommand.properties());
		return new Connection(configuration.getRequiredProperty("spring.datasource.url"),
				configuration.getProperty("spring.datasource.username"),
				configuration.getProperty("spring.datasource.password"));
	}

	/**
	 * The state line of the banner: the database, and whether it is the per-user default.
	 */
	static String banner(StateDatabase database) {
		Path file = database.file();
		boolean byDefault = file != null && file.getParent() != null
				&& file.getParent().equals(DEFAULT_FOLDER.toAbsolutePath().normalize());
		return database.describe() + (byDefault ? " (per-user default; spring.datasource.url moves it)" : "");
	}

	/**
	 * How to connect to the state database: {@code spring.datasource.url},
	 * {@code .username} and {@code .password}.
	 */
	record Connection(String url, @Nullable String username, @Nullable String password) {

		@Override
		public String toString() {
			return "Connection[url=" + url + ", username=" + username + ", password=***]";
		}

	}

	/**
	 * A note when the working directory holds a state database of the kind earlier
	 * versions kept there, and it is not the one in use: its runs are not seen here.
	 */
	static @Nullable String oldStateNote(StateDatabase database) {
		Path old = OLD_FOLDER.resolve("glm-batch.mv.db").toAbsolutePath().normalize();
		if (!Files.isRegularFile(old) || old.equals(database.file())) {
			return null;
		}
		return "Note: " + old + " is a state database of an earlier glm-batch version (kept under the working"
				+ " directory); its runs are not listed here. To use it, set SPRING_DATASOURCE_URL=jdbc:h2:file:"
				+ old.toString().replaceFirst("\\.mv\\.db$", "") + " (or move the file to " + DEFAULT_FOLDER + ").";
	}

}
