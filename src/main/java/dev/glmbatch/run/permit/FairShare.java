package dev.glmbatch.run.permit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How many permits of a limit one process may hold when several want some: max-min fair
 * shares (nobody gets more than it wants, and what one does not want is split among the
 * others), the same answer in every process that reads the same wants.
 */
final class FairShare {

	private FairShare() {
	}

	/**
	 * @param owner the process asking
	 * @param wants what each live process wants (held and waited for), the asking one
	 * included
	 * @param limit the permits there are
	 * @return the asking process's share, 0 when it wants none
	 */
	static int of(String owner, Map<String, Integer> wants, int limit) {
		List<Map.Entry<String, Integer>> byWant = new ArrayList<>(wants.entrySet());
		byWant.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
		int remaining = limit;
		int[] shares = new int[byWant.size()];
		for (int i = 0; i < byWant.size(); i++) {
			shares[i] = Math.min(Math.max(0, byWant.get(i).getValue()), remaining / (byWant.size() - i));
			remaining -= shares[i];
		}
		List<Integer> byName = new ArrayList<>();
		for (int i = 0; i < byWant.size(); i++) {
			byName.add(i);
		}
		byName.sort(Comparator.comparing((Integer i) -> byWant.get(i).getKey()));
		for (int i : byName) {
			if (remaining > 0 && shares[i] < byWant.get(i).getValue()) {
				shares[i]++;
				remaining--;
			}
		}
		for (int i = 0; i < byWant.size(); i++) {
			if (byWant.get(i).getKey().equals(owner)) {
				return shares[i];
			}
		}
		return 0;
	}

}
