package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@code output.documents}: the template of the Markdown file written for each
 * summarised document of a folder input. It must name the document ({@code {name}} or
 * {@code {path}}), so that documents get files of their own.
 */
final class DocumentOutputBinder {

	static final String KEY = "documents";

	private static final String EXAMPLE = "documents: ../output/summaries/{name}.md";

	private static final List<String> PLACEHOLDERS = List.of("job", "date", "name", "path");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private DocumentOutputBinder() {
	}

	/** The absolute template; no value when absent. */
	static Bound<String> bind(YamlSection output, JobFolder folder) {
		return output.text(KEY, EXAMPLE).then((written) -> template(output, folder, written));
	}

	private static Bound<String> template(YamlSection output, JobFolder folder, String written) {
		YamlNode node = output.nodeOrSelf(KEY);
		Matcher placeholder = PLACEHOLDER.matcher(written);
		boolean namesDocument = false;
		while (placeholder.find()) {
			String name = placeholder.group(1);
			namesDocument |= name.equals("name") || name.equals("path");
			if (!PLACEHOLDERS.contains(name)) {
				return output.invalid(node, "unknown placeholder {" + name + "} in documents",
						"use {name} (the document's name without extension), {path} (its path in the folder without"
								+ " extension), {job} and {date}, e.g. " + EXAMPLE);
			}
		}
		if (!namesDocument) {
			return output.invalid(node, "the documents path names no document, so every summary would go to one file",
					"put {name} or {path} in it, e.g. " + EXAMPLE);
		}
		return folder.resolve(written, node, output).map(Path::toString);
	}

}
