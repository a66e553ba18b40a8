package dev.glmbatch.llm.glm;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@ParameterizedTest(name = "tag ''{0}'' -> ''{1}''")
	@CsvSource(nullValues = "-", textBlock = """
			job42-row17-fr,   job42-row17-fr
			'job 42/row:17',  job_42_row_17
			'',               glmb
			-,                glmb
			'  ',             glmb
			Zürich_ok,        Z_rich_ok
			""")
	void sanitisesTags(String tag, String expected) {
		assertThat(RequestIds.sanitiseTag(tag)).isEqualTo(expected);
	}

	@Test
	void staysWithinTheAllowedLengthAndNamesTheAttempt() {
		String id = RequestIds.next("x".repeat(500), 100);

		assertThat(id).hasSizeBetween(6, 64).matches("x{40}-[0-9a-f]{12}-a100");
		assertThat(RequestIds.next(null, 1)).hasSizeBetween(6, 64).matches("glmb-[0-9a-f]{12}-a1");
	}

	@Test
	void givesEveryAttemptANewId() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(RequestIds.next("row1", 1));
		}

		assertThat(ids).hasSize(10_000);
	}

}
