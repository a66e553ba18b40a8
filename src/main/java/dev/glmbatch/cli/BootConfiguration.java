package dev.glmbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Spring Boot's configuration for a command that starts no Spring context ({@code list},
 * {@code status}, {@code stop}), with the same sources in the same order: the
 * {@code --NAME=VALUE} properties of the command line, system properties
 * ({@code -Dspring.datasource.url}), the environment ({@code SPRING_DATASOURCE_URL}),
 * then {@code application.properties} in {@code ./config/}, in the working directory, and
 * in the jar.
 *
 * <p>
 * Boot's configuration data machinery (profiles, imports, other file names and locations,
 * YAML, multi-document files) costs about a second and a half of CPU on a small machine,
 * more than the rest of such a command. So when the configuration uses none of it, plain
 * {@code application.properties} files are read with Boot's own properties loader and
 * layered as Boot layers them; when anything of it is in use (a {@code spring.config.*}
 * or {@code spring.profiles.*} property anywhere, {@code SPRING_APPLICATION_JSON}, an
 * {@code application.yml}, an {@code application-default.properties}, a file with several
 * documents, a folder under {@code ./config/}), Boot's machinery resolves the
 * configuration as the application itself would.
 */
final class BootConfiguration {

	/** The file extensions Boot reads configuration from, besides {@code .properties}. */
	private static final List<String> OTHER_EXTENSIONS = List.of("xml", "yml", "yaml");

	/**
	 * The prefixes of the properties that steer Boot's configuration data (and the
	 * environment variables that set them).
	 */
	private static final List<String> STEERING = List.of("spring.config.", "spring.profiles.",
			"spring.application.json", "SPRING_CONFIG_", "SPRING_PROFILES_", "SPRING_APPLICATION_JSON");

	private static final String APPLICATION = "application";

	private BootConfiguration() {
	}

	/**
	 * The configuration as the application would see it, with these command-line
	 * properties on top.
	 */
	static PropertyResolver resolve(Map<String, String> commandLine) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		if (!commandLine.isEmpty()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME,
						new LinkedHashMap<>(commandLine)));
		}
		List<PropertySource<?>> files = steered(commandLine) ? null : plainFiles();
		if (files == null) {
			ConfigDataEnvironmentPostProcessor.applyTo(environment);
		}
		else {
			files.forEach(environment.getPropertySources()::addLast);
		}
		return environment;
	}

	/**
	 * Whether a property that steers Boot's configuration data is set outside its files.
	 */
	private static boolean steered(Map<String, String> commandLine) {
		return Stream
			.of(commandLine.keySet().stream(), System.getProperties().stringPropertyNames().stream(),
					System.getenv().keySet().stream())
			.flatMap(names -> names)
			.anyMatch(BootConfiguration::steers);
	}

	private static boolean steers(String name) {
		return STEERING.stream().anyMatch(name::startsWith);
	}

	/**
	 * The {@code application.properties} files Boot would read, highest precedence first,
	 * or {@code null} when Boot's configuration data would read anything else.
	 */
	private static @Nullable List<PropertySource<?>> plainFiles() {
		try {
			Path config = Path.of("config");
			if (Files.isDirectory(config)) {
				try (Stream<Path> entries = Files.list(config)) {
					if (entries.anyMatch(Files::isDirectory)) {
						return null;
					}
				}
			}
			List<Resource> files = new ArrayList<>();
			for (Path folder : List.of(config, Path.of(""))) {
				if (!onlyPlainProperties(folder)) {
					return null;
				}
				files.add(new FileSystemResource(folder.resolve(APPLICATION + ".properties")));
			}
			for (String folder : List.of("config/", "")) {
				for (String name : otherNames()) {
					if (new ClassPathResource(folder + name).exists()) {
						return null;
					}
				}
				files.add(new ClassPathResource(folder + APPLICATION + ".properties"));
			}
			List<PropertySource<?>> sources = new ArrayList<>();
			PropertiesPropertySourceLoader loader = new PropertiesPropertySourceLoader();
			for (Resource file : files) {
				if (!file.exists()) {
					continue;
				}
				List<PropertySource<?>> documents = loader.load("Config resource '" + file + "'", file);
				if (documents.size() > 1 || documents.stream().anyMatch(BootConfiguration::setsSteering)) {
					return null;
				}
				sources.addAll(documents);
			}
			return sources;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the configuration: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether a folder holds no configuration file but {@code application.properties}.
	 */
	private static boolean onlyPlainProperties(Path folder) throws IOException {
		Path directory = folder.toString().isEmpty() ? Path.of(".") : folder;
		if (!Files.isDirectory(directory)) {
			return true;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, APPLICATION + "*")) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (!name.equals(APPLICATION + ".properties") && configurationName(name)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether Boot could read this file name as configuration: {@code application} or
	 * {@code application-PROFILE}, with one of its extensions.
	 */
	private static boolean configurationName(String name) {
		int dot = name.lastIndexOf('.');
		String base = (dot < 0) ? name : name.substring(0, dot);
		String extension = (dot < 0) ? "" : name.substring(dot + 1);
		return (base.equals(APPLICATION) || base.startsWith(APPLICATION + "-"))
				&& (extension.equals("properties") || OTHER_EXTENSIONS.contains(extension));
	}

	/**
	 * The files besides {@code application.properties} that Boot reads from a location
	 * when no profile is active: the other extensions, and the default profile's files.
	 */
	private static List<String> otherNames() {
		List<String> names = new ArrayList<>();
		for (String extension : OTHER_EXTENSIONS) {
			names.add(APPLICATION + "." + extension);
		}
		for (String extension : List.of("properties", "xml", "yml", "yaml")) {
			names.add(APPLICATION + "-default." + extension);
		}
		return names;
	}

	/** Whether a property file sets a property that steers Boot's configuration data. */
	private static boolean setsSteering(PropertySource<?> document) {
		return document instanceof EnumerablePropertySource<?> enumerable
				&& Stream.of(enumerable.getPropertyNames()).anyMatch(BootConfiguration::steers);
	}

}
