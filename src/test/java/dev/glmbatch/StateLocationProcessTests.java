package dev.glmbatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.JarProcesses;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code list} finds the state database wherever the user's configuration puts it, as
 * {@code run} does, though it starts no Spring context: the command line's
 * {@code --spring.datasource.url=URL}, a system property, the environment,
 * {@code application.properties} in the working directory or its {@code config} folder,
 * and what only Spring Boot's own configuration data reads (an {@code application.yml}, a
 * profile's file). Each {@code list} runs with a home folder that holds no state, so
 * finding the run proves the setting was honoured.
 */
class StateLocationProcessTests {

	private static final Duration PATIENCE = Duration.ofMinutes(6);

	private static final String LISTED = "(?m)^\\d+ +elsewhere +COMPLETED +3 +3 +0 ";

	@TempDir
	Path dir;

	@RegisterExtension
	final JarProcesses processes = new JarProcesses();

	@Test
	void listHonoursEveryWayOfSettingTheStateDatabase() throws Exception {
		String url = "jdbc:h2:file:" + dir.resolve("state/elsewhere").toAbsolutePath();
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir).named("elsewhere").withRows(3);
		job.write();
		JarProcess run = finished(dir, Map.of(), List.of(), "run", job.jobFile().toString(), "--simulate",
				"--spring.datasource.url=" + url);
		assertThat(run.exitValue()).as(run.output()).isZero();
		assertThat(run.output()).contains(dir.resolve("state").toAbsolutePath().toString());

		assertThat(list(dir, Map.of(), List.of()).output()).as("the default state").contains("No runs yet.");
		assertThat(list(dir, Map.of(), List.of(), "--spring.datasource.url=" + url).output()).containsPattern(LISTED);
		assertThat(list(dir, Map.of("SPRING_DATASOURCE_URL", url), List.of()).output()).containsPattern(LISTED);
		assertThat(list(dir, Map.of(), List.of("-Dspring.datasource.url=" + url)).output()).containsPattern(LISTED);
		assertThat(list(dir, Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("empty/none")), List.of(),
				"--spring.datasource.url=" + url)
			.output()).as("the command line outranks the environment").containsPattern(LISTED);

		Path plain = Files.createDirectories(dir.resolve("plain"));
		Files.writeString(plain.resolve("application.properties"), "spring.datasource.url=" + url + "\n");
		assertThat(list(plain, Map.of(), List.of()).output()).containsPattern(LISTED);

		Path configFolder = Files.createDirectories(dir.resolve("configured/config"));
		Files.writeString(configFolder.resolve("application.properties"), "spring.datasource.url=" + url + "\n");
		assertThat(list(configFolder.getParent(), Map.of(), List.of()).output()).containsPattern(LISTED);

		Path yaml = Files.createDirectories(dir.resolve("yaml"));
		Files.writeString(yaml.resolve("application.yml"), "spring:\n  datasource:\n    url: " + url + "\n");
		assertThat(list(yaml, Map.of(), List.of()).output()).containsPattern(LISTED);

		Path profile = Files.createDirectories(dir.resolve("profile"));
		Files.writeString(profile.resolve("application-elsewhere.properties"), "spring.datasource.url=" + url + "\n");
		assertThat(list(profile, Map.of("SPRING_PROFILES_ACTIVE", "elsewhere"), List.of()).output())
			.containsPattern(LISTED);
	}

	private JarProcess list(Path workDir, Map<String, String> env, List<String> jvmArguments, String... arguments)
			throws Exception {
		List<String> command = new ArrayList<>(List.of("list"));
		command.addAll(List.of(arguments));
		JarProcess list = finished(workDir, env, jvmArguments, command.toArray(String[]::new));
		assertThat(list.exitValue()).as(list.output()).isZero();
		return list;
	}

	/** Runs the jar to its end with a home folder that holds no state. */
	private JarProcess finished(Path workDir, Map<String, String> env, List<String> jvmArguments, String... arguments)
			throws IOException, InterruptedException {
		List<String> jvm = new ArrayList<>(List.of("-Duser.home=" + dir.resolve("home").toAbsolutePath()));
		jvm.addAll(jvmArguments);
		JarProcess process = JarProcess.start(workDir, dir.resolve("process.log"), env, jvm, arguments);
		processes.add(process);
		assertThat(process.waitFor(PATIENCE)).as(process.output()).isTrue();
		return process;
	}

}
