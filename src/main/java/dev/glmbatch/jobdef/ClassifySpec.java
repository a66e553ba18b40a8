package dev.glmbatch.jobdef;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code classify} task: labels from a closed list.
 *
 * @param sourceColumns columns whose text is classified, at least one (several are
 * joined, each under its name)
 * @param labels the allowed labels, at least two, names unique ignoring case
 * @param multiLabel whether an item may get several labels
 * @param examples few-shot examples, each with labels from the list
 * @param instructions extra guidance for the model, or {@code null}
 */
public record ClassifySpec(List<String> sourceColumns, List<Label> labels, boolean multiLabel, List<Example> examples,
		@Nullable String instructions) implements TaskSpec {

	public ClassifySpec {
		sourceColumns = List.copyOf(sourceColumns);
		labels = List.copyOf(labels);
		examples = List.copyOf(examples);
		if (labels.size() < 2) {
			throw new IllegalArgumentException("a classification needs at least two labels");
		}
	}

	public List<String> labelNames() {
		return labels.stream().map(Label::name).toList();
	}

	/**
	 * One allowed label.
	 *
	 * @param name the label as written to the output
	 * @param description what it covers, or {@code null}
	 */
	public record Label(String name, @Nullable String description) {

		public Label {
			Objects.requireNonNull(name, "name");
		}

	}

	/**
	 * A few-shot example.
	 *
	 * @param text the example item
	 * @param labels its labels, from the list
	 */
	public record Example(String text, List<String> labels) {

		public Example {
			Objects.requireNonNull(text, "text");
			labels = List.copyOf(labels);
		}

	}

}
