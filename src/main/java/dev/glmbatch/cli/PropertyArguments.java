package dev.glmbatch.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring Boot properties given on the command line, {@code --spring.datasource.url=URL},
 * as any Spring Boot application takes them: an argument {@code --NAME=VALUE} whose name
 * holds a dot (no option of glm-batch does) is a property, which outranks the environment
 * and {@code application.properties}. They are taken out before picocli parses the rest,
 * and handed to whatever resolves the configuration: the Spring context
 * ({@link SpringRuntime}) and the state database's location ({@link StateLocation}).
 *
 * @param arguments the command line without the properties
 * @param properties the properties, in the order given (a name given twice keeps its last
 * value)
 */
record PropertyArguments(List<String> arguments, Map<String, String> properties) {

	/** Where picocli's options end: what follows is never a property. */
	private static final String END_OF_OPTIONS = "--";

	PropertyArguments {
		arguments = List.copyOf(arguments);
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	static PropertyArguments of(String... commandLine) {
		List<String> arguments = new ArrayList<>();
		Map<String, String> properties = new LinkedHashMap<>();
		boolean optionsEnded = false;
		for (String argument : commandLine) {
			int equals = argument.indexOf('=');
			String name = (equals > 2) ? argument.substring(2, equals) : "";
			if (!optionsEnded && argument.startsWith("--") && name.indexOf('.') > 0) {
				properties.put(name, argument.substring(equals + 1));
			}
			else {
				optionsEnded |= argument.equals(END_OF_OPTIONS);
				arguments.add(argument);
			}
		}
		return new PropertyArguments(arguments, properties);
	}

}
