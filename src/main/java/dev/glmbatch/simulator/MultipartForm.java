package dev.glmbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@code multipart/form-data} body, as a file upload sends them: each
 * part by its {@code name}, with its file name when it has one.
 */
final class MultipartForm {

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

	private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");

	private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

	private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final Map<String, Part> parts;

	private MultipartForm(Map<String, Part> parts) {
		this.parts = parts;
	}

	/**
	 * Reads a body.
	 * @param contentType the request's {@code Content-Type}
	 * @throws RequestRejectedException (HTTP 400) when it is not a multipart form
	 */
	static MultipartForm read(@Nullable String contentType, byte[] body) throws RequestRejectedException {
		Matcher boundary = (contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data"))
						? BOUNDARY.matcher(contentType) : null;
		if (boundary == null || !boundary.find()) {
			throw RequestRejectedException.invalid("file", "must be uploaded as multipart/form-data");
		}
		byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.US_ASCII);
		Map<String, Part> parts = new LinkedHashMap<>();
		int at = indexOf(body, delimiter, 0);
		while (at >= 0) {
			int start = at + delimiter.length;
			if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
				break;
			}
			int headersEnd = indexOf(body, HEADER_END, start);
			int next = indexOf(body, delimiter, start);
			if (headersEnd < 0 || next < 0 || headersEnd > next) {
				throw RequestRejectedException.invalid("file", "is a malformed multipart body");
			}
			String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
			// the part's content ends with the CRLF before the next delimiter
			byte[] content = Arrays.copyOfRange(body, headersEnd + HEADER_END.length,
					Math.max(headersEnd + HEADER_END.length, next - 2));
			Matcher name = NAME.matcher(headers);
			if (name.find()) {
				Matcher fileName = FILE_NAME.matcher(headers);
				parts.put(name.group(1), new Part(fileName.find() ? fileName.group(1) : null, content));
			}
			at = next;
		}
		return new MultipartForm(parts);
	}

	@Nullable Part part(String name) {
		return this.parts.get(name);
	}

	@Nullable String text(String name) {
		Part part = this.parts.get(name);
		return (part != null) ? new String(part.content(), StandardCharsets.UTF_8) : null;
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * One field of the form.
	 *
	 * @param fileName the uploaded file's name, or {@code null} for a plain field
	 * @param content its bytes
	 */
	record Part(@Nullable String fileName, byte[] content) {

	}

}
