package dev.glmbatch.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.jobdef.SummariseSpec.DocumentFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentReaderTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "../secret.txt", "docs/../../secret.txt", "/etc/hostname" })
	void refusesPathsOutsideTheBaseFolder(String written) throws IOException {
		Files.writeString(dir.resolve("secret.txt"), "secret");
		DocumentReader reader = new DocumentReader(new DocumentFolder(Files.createDirectories(dir.resolve("base"))));

		assertThatThrownBy(() -> reader.read(written)).isInstanceOf(DocumentReader.DocumentException.class)
			.hasMessageContaining("outside the allowed folder");
	}

	@Test
	void readsTextAndRefusesOtherExtensions() throws IOException {
		Path base = Files.createDirectories(dir.resolve("base"));
		Files.writeString(base.resolve("a.md"), "\uFEFF# Title");
		Files.writeString(base.resolve("a.ppt"), "x");
		DocumentReader reader = new DocumentReader(new DocumentFolder(base));

		assertThat(reader.read("a.md")).isEqualTo("# Title");
		assertThatThrownBy(() -> reader.read("a.ppt")).hasMessageContaining("'a.ppt' is not a supported document");
	}

}
