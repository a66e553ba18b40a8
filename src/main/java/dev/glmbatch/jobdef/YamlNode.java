package dev.glmbatch.jobdef;

/**
 * A node of a parsed job file that remembers where it was written, so that every problem
 * can name its place.
 * <p>
 * Jackson's own {@code JsonNode} forgets token locations, hence this small tree.
 */
sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

	/** Where the node sits, e.g. {@code task.to[2]}; empty for the document root. */
	String path();

	/**
	 * The 1-based line of the node's key, or of the node itself for list items and the
	 * root.
	 */
	int line();

	/** How the node reads in a message, e.g. {@code a list} or {@code the text 'fr'}. */
	String describe();

	static String childPath(String parent, String key) {
		String segment = key.matches("[A-Za-z0-9_-]+") ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
		if (parent.isEmpty() || segment.startsWith("[")) {
			return parent + segment;
		}
		return parent + "." + segment;
	}

	static String itemPath(String parent, int index) {
		return parent + "[" + index + "]";
	}

}
