package dev.glmbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

/**
 * SHA-256 of a JSON body in canonical form: object keys sorted at every level, scalars in
 * Jackson's normal text, and the given top-level properties left out. Two bodies that
 * differ only in key order or whitespace hash alike.
 */
final class RequestFingerprint {

	private RequestFingerprint() {
	}

	static byte[] digest(JsonNode body, Set<String> ignoredTopLevel) {
		StringBuilder canonical = new StringBuilder(256);
		appendObject(body, ignoredTopLevel, canonical);
		try {
			return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

	static long leadingLong(byte[] digest) {
		long value = 0;
		for (int i = 0; i < Long.BYTES; i++) {
			value = (value << 8) | (digest[i] & 0xFF);
		}
		return value;
	}

	private static void append(JsonNode node, StringBuilder out) {
		if (node.isObject()) {
			appendObject(node, Set.of(), out);
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				append(node.get(i), out);
			}
			out.append(']');
		}
		else {
			out.append(node.toString());
		}
	}

	private static void appendObject(JsonNode node, Set<String> ignored, StringBuilder out) {
		List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
		properties.sort(Map.Entry.comparingByKey());
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> property : properties) {
			if (ignored.contains(property.getKey())) {
				continue;
			}
			if (!first) {
				out.append(',');
			}
			first = false;
			out.append('"');
			JsonStringEncoder.getInstance().quoteAsString(property.getKey(), out);
			out.append("\":");
			append(property.getValue(), out);
		}
		out.append('}');
	}

}
