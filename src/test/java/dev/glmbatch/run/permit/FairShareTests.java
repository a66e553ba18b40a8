package dev.glmbatch.run.permit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FairShare}: what one process may hold of a limit several want. */
class FairShareTests {

	@Test
	void aProcessAloneMayHoldTheWholeLimit() {
		assertThat(FairShare.of("a", Map.of("a", 8), 8)).isEqualTo(8);
		assertThat(FairShare.of("a", Map.of("a", 20), 8)).isEqualTo(8);
	}

	@Test
	void twoProcessesWantingAllSplitTheLimit() {
		Map<String, Integer> wants = Map.of("a", 8, "b", 8);
		assertThat(FairShare.of("a", wants, 8)).isEqualTo(4);
		assertThat(FairShare.of("b", wants, 8)).isEqualTo(4);
	}

	@Test
	void whatOneDoesNotWantGoesToTheOthers() {
		Map<String, Integer> wants = Map.of("a", 2, "b", 8, "c", 8);
		assertThat(FairShare.of("a", wants, 10)).isEqualTo(2);
		assertThat(FairShare.of("b", wants, 10)).isEqualTo(4);
		assertThat(FairShare.of("c", wants, 10)).isEqualTo(4);
	}

	@Test
	void anUnevenSplitGivesEveryoneAlmostAsMuchAndNeverMoreThanTheLimit() {
		Map<String, Integer> wants = Map.of("a", 8, "b", 8, "c", 8);
		int a = FairShare.of("a", wants, 8);
		int b = FairShare.of("b", wants, 8);
		int c = FairShare.of("c", wants, 8);
		assertThat(a + b + c).isEqualTo(8);
		assertThat(List.of(a, b, c)).allSatisfy((share) -> assertThat(share).isBetween(2, 3));
	}

	@Test
	void aProcessWantingNothingGetsNothing() {
		assertThat(FairShare.of("a", Map.of("a", 0, "b", 8), 8)).isZero();
		assertThat(FairShare.of("b", Map.of("a", 0, "b", 8), 8)).isEqualTo(8);
	}

}
