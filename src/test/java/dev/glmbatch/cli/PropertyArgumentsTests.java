package dev.glmbatch.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PropertyArgumentsTests {

	@Test
	void takesOutTheArgumentsNamingAPropertyAndLeavesTheOptionsAndWhatFollowsTheEndOfOptions() {
		PropertyArguments split = PropertyArguments.of("--debug", "list", "--spring.datasource.url=jdbc:h2:file:/x;A=B",
				"--limit=5", "--glm.base-url=", "--", "--spring.datasource.username=kept");

		assertThat(split.arguments()).containsExactly("--debug", "list", "--limit=5", "--",
				"--spring.datasource.username=kept");
		assertThat(split.properties()).containsExactly(entry("spring.datasource.url", "jdbc:h2:file:/x;A=B"),
				entry("glm.base-url", ""));
	}

}
