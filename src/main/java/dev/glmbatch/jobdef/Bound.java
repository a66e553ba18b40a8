package dev.glmbatch.jobdef;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What binding one part of a job file gave: its value, no value (an optional key left
 * out), or the problems that keep it from having one.
 * <p>
 * The problems of an invalid result are already recorded in the file's {@link Problems};
 * the result only carries them so that a binder can tell an invalid value from a missing
 * one without counting problems. A binder builds its record with
 * {@link YamlSection#complete}, which reads the values only when nothing in the section
 * was invalid.
 *
 * @param <T> the type of the value
 */
final class Bound<T> {

	private static final Bound<?> ABSENT = new Bound<>(null, List.of());

	private final @Nullable T value;

	private final List<JobFileProblem> problems;

	private Bound(@Nullable T value, List<JobFileProblem> problems) {
		this.value = value;
		this.problems = List.copyOf(problems);
	}

	static <T> Bound<T> of(T value) {
		return new Bound<>(Objects.requireNonNull(value, "value"), List.of());
	}

	@SuppressWarnings("unchecked")
	static <T> Bound<T> absent() {
		return (Bound<T>) ABSENT;
	}

	/**
	 * An invalid result; {@code problems} were recorded already and must not be empty.
	 */
	static <T> Bound<T> invalid(List<JobFileProblem> problems) {
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid result needs the problems that make it so");
		}
		return new Bound<>(null, problems);
	}

	/** Whether nothing was wrong: a value, or none where none was needed. */
	boolean isValid() {
		return problems.isEmpty();
	}

	boolean isPresent() {
		return value != null;
	}

	/** The problems found; empty when valid. */
	List<JobFileProblem> problems() {
		return problems;
	}

	/**
	 * The value.
	 * @throws NoSuchElementException when there is none: a binder reads values only once
	 * its section was found valid
	 */
	T get() {
		if (value == null) {
			throw new NoSuchElementException(isValid() ? "no value was given" : "the value is invalid: " + problems);
		}
		return value;
	}

	/** The value, or {@code null} when none was given or it is invalid. */
	@Nullable T orNull() {
		return value;
	}

	/** The value, or {@code fallback} when none was given or it is invalid. */
	T orElse(T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * This result, or {@code fallback} when no value was given (an invalid result stays
	 * invalid).
	 */
	Bound<T> orDefault(T fallback) {
		return (isValid() && value == null) ? of(fallback) : this;
	}

	/** The value converted; no value and invalid results stay as they are. */
	<R> Bound<R> map(Function<? super T, ? extends R> mapper) {
		return (value != null) ? of(mapper.apply(value)) : same();
	}

	/**
	 * The value checked or converted by a step that may find it invalid; no value and
	 * invalid results stay.
	 */
	<R> Bound<R> then(Function<? super T, Bound<R>> step) {
		return (value != null) ? step.apply(value) : same();
	}

	@SuppressWarnings("unchecked")
	private <R> Bound<R> same() {
		return (Bound<R>) this;
	}

	@Override
	public String toString() {
		if (value != null) {
			return "Bound[" + value + "]";
		}
		return isValid() ? "Bound[absent]" : "Bound[invalid " + problems + "]";
	}

}
