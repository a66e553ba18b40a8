package dev.glmbatch.jobdef;

import java.util.List;

/** A YAML sequence. */
record YamlList(String path, int line, List<YamlNode> items) implements YamlNode {

	YamlList {
		items = List.copyOf(items);
	}

	@Override
	public String describe() {
		return "a list";
	}

}
