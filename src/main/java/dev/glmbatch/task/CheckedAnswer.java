package dev.glmbatch.task;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An answer after its validator looked at it: either the parsed value or the failure.
 *
 * @param <T> the parsed value's type
 * @param value the parsed value, or {@code null} when the answer failed
 * @param failure why it failed, or {@code null} when it passed
 */
record CheckedAnswer<T>(@Nullable T value, @Nullable ValidationFailure failure) {

	CheckedAnswer {
		if ((value == null) == (failure == null)) {
			throw new IllegalArgumentException("exactly one of value and failure must be given");
		}
	}

	static <T> CheckedAnswer<T> passed(T value) {
		return new CheckedAnswer<>(Objects.requireNonNull(value, "value"), null);
	}

	static <T> CheckedAnswer<T> failed(String kind, String detail) {
		return new CheckedAnswer<>(null, new ValidationFailure(kind, detail));
	}

	boolean passed() {
		return failure == null;
	}

	/**
	 * The value of an answer that {@link #passed()}; asking a failed answer for it is a
	 * programming error.
	 */
	T requireValue() {
		if (value == null) {
			throw new IllegalStateException("the answer failed: " + failure);
		}
		return value;
	}

	/**
	 * Why an answer that did not pass failed; asking a passed answer for it is a
	 * programming error.
	 */
	ValidationFailure requireFailure() {
		if (failure == null) {
			throw new IllegalStateException("the answer passed");
		}
		return failure;
	}

}
