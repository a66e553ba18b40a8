package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Binds {@code output.documents}: the template of the Markdown file written for each summarised document of a folder
 * input. It must name the document ({@code {name}} or {@code {path}}), so that documents get files of their own.
 */
final class DocumentOutputBinder {

	static final String KEY = "documents";

	private static final String EXAMPLE = "documents: ../output/summaries/{name}.md";

	private static final List<String> PLACEHOLDERS = List.of("job", "date", "name", "path");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private DocumentOutputBinder() {
	}

	/** The absolute template, or {@code null} when absent or invalid (then a problem is recorded). */
	static @Nullable String bind(YamlSection output, JobFolder folder, Problems problems) {
		if (!output.has(KEY)) {
			return null;
		}
		String written = output.text(KEY, false, EXAMPLE);
		if (written == null) {
			return null;
		}
		YamlNode node = output.nodeOrSelf(KEY);
		Matcher placeholder = PLACEHOLDER.matcher(written);
		boolean namesDocument = false;
		while (placeholder.find()) {
			String name = placeholder.group(1);
			namesDocument |= name.equals("name") || name.equals("path");
			if (!PLACEHOLDERS.contains(name)) {
				problems.add(node, "unknown placeholder {" + name + "} in documents",
						"use {name} (the document's name without extension), {path} (its path in the folder without"
								+ " extension), {job} and {date}, e.g. " + EXAMPLE);
				return null;
			}
		}
		if (!namesDocument) {
			problems.add(node, "the documents path names no document, so every summary would go to one file",
					"put {name} or {path} in it, e.g. " + EXAMPLE);
			return null;
		}
		Path resolved = folder.resolve(written, node, problems);
		return (resolved != null) ? resolved.toString() : null;
	}

}
