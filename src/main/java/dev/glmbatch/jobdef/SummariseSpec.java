package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code summarise} task.
 *
 * @param column the column holding the text, or with {@code documents} the path of a
 * document (for a folder input, its {@code path} column)
 * @param documents where the column's paths point: {@code null} when the column holds the
 * text itself
 * @param length how long the summary is
 * @param language the summary's language, or {@code null} for the document's own
 * @param style a short style instruction, or {@code null}
 * @param sectionTokens the largest input, in estimated tokens, summarised in one call;
 * longer texts are split
 */
public record SummariseSpec(String column, @Nullable DocumentFolder documents, Length length, @Nullable String language,
		@Nullable String style, int sectionTokens) implements TaskSpec {

	public SummariseSpec {
		Objects.requireNonNull(column, "column");
		Objects.requireNonNull(length, "length");
		if (sectionTokens < 200) {
			throw new IllegalArgumentException("sectionTokens must be >= 200, was " + sectionTokens);
		}
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(column);
	}

	@Override
	public String columnYamlPath(int index) {
		return (documents != null) ? "task.path-column" : "task.column";
	}

	/**
	 * The same task reading its documents under another folder: a job over a folder input
	 * given another folder with {@code --input}.
	 */
	public SummariseSpec withDocumentBase(Path base) {
		return (documents == null) ? this : new SummariseSpec(column, new DocumentFolder(base, documents.limits()),
				length, language, style, sectionTokens);
	}

	/**
	 * The folder documents must be under, and what reading one may cost.
	 *
	 * @param base absolute and normalised; a path that leaves it is refused
	 * @param limits the caps on reading one document
	 */
	public record DocumentFolder(Path base, DocumentLimits limits) {

		public DocumentFolder {
			Objects.requireNonNull(base, "base");
			Objects.requireNonNull(limits, "limits");
			if (!base.isAbsolute()) {
				throw new IllegalArgumentException("base must be absolute, was " + base);
			}
			base = base.normalize();
		}

		/**
		 * A folder whose documents are read within the {@link DocumentLimits#DEFAULTS
		 * default limits}.
		 */
		public DocumentFolder(Path base) {
			this(base, DocumentLimits.DEFAULTS);
		}

	}

	/**
	 * A target length: a number of words or of bullets.
	 *
	 * @param count how many
	 * @param bullets bullets when {@code true}, words otherwise
	 */
	public record Length(int count, boolean bullets) {

		public Length {
			if (count < 1) {
				throw new IllegalArgumentException("count must be >= 1, was " + count);
			}
		}

		@Override
		public String toString() {
			return count + (bullets ? " bullets" : " words");
		}

	}

}
