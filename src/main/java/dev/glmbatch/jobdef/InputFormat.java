package dev.glmbatch.jobdef;

/**
 * Formats a job can read. The format written in the job (or taken from the extension) is
 * a declaration only: the input layer sniffs the file's first bytes and reads what the
 * file really is, so {@code --input} may name a file of another format.
 */
public enum InputFormat {

	CSV,

	/**
	 * Office Open XML workbooks: {@code .xlsx} and {@code .xlsm}, transitional or strict.
	 */
	XLSX,

	/** Legacy Excel 97-2003 workbooks (BIFF8). */
	XLS,

	/** A folder of documents: one row per selected file (see {@link FolderSelection}). */
	FOLDER

}
