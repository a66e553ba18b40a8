package dev.glmbatch.jobdef;

/** File name extensions of written paths and path templates. */
final class Extensions {

	private Extensions() {
	}

	/**
	 * The extension of the last path segment, without the dot; empty when there is none
	 * (or a leading dot only).
	 */
	static String of(String path) {
		int dot = extensionDot(path);
		return (dot < 0) ? "" : path.substring(dot + 1);
	}

	/**
	 * {@code path} with {@code suffix} inserted before the extension, or appended when
	 * there is none.
	 */
	static String insertBeforeExtension(String path, String suffix) {
		int dot = extensionDot(path);
		return (dot < 0) ? path + suffix : path.substring(0, dot) + suffix + path.substring(dot);
	}

	/** {@code path} without its extension and the dot before it. */
	static String withoutExtension(String path) {
		int dot = extensionDot(path);
		return (dot < 0) ? path : path.substring(0, dot);
	}

	private static int extensionDot(String path) {
		int nameStart = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
		int dot = path.lastIndexOf('.');
		return (dot > nameStart) ? dot : -1;
	}

}
