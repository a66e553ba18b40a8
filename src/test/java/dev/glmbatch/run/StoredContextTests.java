package dev.glmbatch.run;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StoredContextTests {

	@Test
	void readsTheTextEntriesAsTheRepositorysSerializerWroteThemAndLeavesTheRestOut() throws Exception {
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put(RunParameters.REASON_KEY, "GLM refused the key: check ZAI_API_KEY \"quoted\" \u00e9\u4e2d");
		entries.put(RunParameters.RESUME_KEY, "java -jar glm-batch.jar run 'jobs/a b.yaml'\nline two");
		entries.put("count", 42L);
		entries.put("price", new BigDecimal("0.0055"));
		entries.put("when", LocalDateTime.of(2026, 12, 2, 13, 0));
		entries.put("list", List.of("a", "b"));
		entries.put("nested", Map.of("text", "not top level"));
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		RunStateReader.contextSerializer().serialize(entries, json);

		ExecutionContext context = StoredContext.strings(7, json.toString(StandardCharsets.UTF_8));

		assertThat(context.entrySet()).hasSize(2);
		assertThat(context.getString(RunParameters.REASON_KEY)).isEqualTo(entries.get(RunParameters.REASON_KEY));
		assertThat(context.getString(RunParameters.RESUME_KEY)).isEqualTo(entries.get(RunParameters.RESUME_KEY));
	}

	@Test
	void aStoredTextThatIsNotAJsonObjectNamesTheExecution() {
		assertThatIllegalStateException().isThrownBy(() -> StoredContext.strings(7, "[1, 2]"))
			.withMessageContaining("execution 7");
		assertThatIllegalStateException().isThrownBy(() -> StoredContext.strings(8, "{\"a\": "))
			.withMessageContaining("execution 8");
	}

}
