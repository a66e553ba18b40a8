package dev.glmbatch.jobdef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping, in the order the keys were written. */
record YamlMap(String path, int line, Map<String, YamlNode> entries) implements YamlNode {

	YamlMap {
		entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
	}

	@Override
	public String describe() {
		return "a mapping of keys";
	}

}
