package dev.glmbatch.task;

import java.util.Objects;

/**
 * Why an answer failed its task's validator.
 *
 * @param kind a short, stable category for reports, e.g. {@code not_json},
 * {@code unknown_label}, {@code schema}
 * @param detail what exactly was wrong, phrased so that it can be told to the model in a
 * repair call
 */
public record ValidationFailure(String kind, String detail) {

	public ValidationFailure {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(detail, "detail");
		if (!kind.matches("[a-z_]{1,40}")) {
			throw new IllegalArgumentException("kind must be lower_case, was " + kind);
		}
	}

	@Override
	public String toString() {
		return kind + ": " + detail;
	}

}
