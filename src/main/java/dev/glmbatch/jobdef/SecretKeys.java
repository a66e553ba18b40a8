package dev.glmbatch.jobdef;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps credentials out of job files: job files are shared, committed and printed, an API
 * key is not.
 */
final class SecretKeys {

	private static final Set<String> SECRET_NAMES = Set.of("apikey", "key", "zaiapikey");

	private static final String FIX = "remove it: the API key comes from the ZAI_API_KEY environment variable, "
			+ "never from a job file";

	private SecretKeys() {
	}

	/**
	 * Whether {@code key} looks like a place for an API key, in any case or separator
	 * style.
	 */
	static boolean isSecret(String key) {
		return SECRET_NAMES.contains(key.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", ""));
	}

	/**
	 * Reports every secret-looking key in the tree, however deep. Keys of the mappings at
	 * {@code freeFormPaths} are user data (a glossary may well translate the word "key")
	 * and are not inspected. The value is never quoted.
	 */
	static void refuse(YamlNode node, Set<String> freeFormPaths, Problems problems) {
		if (node instanceof YamlMap map) {
			boolean freeForm = freeFormPaths.contains(map.path());
			for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
				if (!freeForm && isSecret(entry.getKey())) {
					problems.add(entry.getValue(),
							"'" + entry.getKey() + "' looks like an API key, which a job file must not hold", FIX);
				}
				refuse(entry.getValue(), freeFormPaths, problems);
			}
		}
		else if (node instanceof YamlList list) {
			list.items().forEach((item) -> refuse(item, freeFormPaths, problems));
		}
	}

}
