package dev.glmbatch.simulator;

import java.util.Arrays;
import java.util.List;

/**
 * The prompt size of a request and the fingerprints of its cacheable prefixes.
 *
 * <p>
 * Each message costs {@value #MESSAGE_OVERHEAD} tokens for its role markers plus its
 * content (see {@link TokenCounter}); the reply primer adds {@value #REPLY_PRIMER}. Every
 * time the running count passes a multiple of {@value #CACHE_BLOCK} tokens the hash of
 * everything read so far is recorded, so two prompts that share a prefix share the hashes
 * of all blocks inside it. {@link PrefixCache} keeps these hashes.
 */
final class PromptTokens {

	static final int MESSAGE_OVERHEAD = 4;

	static final int REPLY_PRIMER = 2;

	static final int CACHE_BLOCK = 16;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private static final char ROLE_END = '\u001E';

	private static final char MESSAGE_END = '\u001F';

	private final int total;

	private final long[] blockHashes;

	private PromptTokens(int total, long[] blockHashes) {
		this.total = total;
		this.blockHashes = blockHashes;
	}

	static PromptTokens measure(List<SimulatedRequest.Message> messages) {
		Walk walk = new Walk();
		for (SimulatedRequest.Message message : messages) {
			walk.feed(message.role());
			walk.feed(ROLE_END);
			walk.addTokens(MESSAGE_OVERHEAD);
			int units = 0;
			String content = message.content();
			for (int i = 0; i < content.length();) {
				int codePoint = content.codePointAt(i);
				i += Character.charCount(codePoint);
				walk.feed(codePoint);
				units += TokenCounter.unitsOf(codePoint);
				if (units >= TokenCounter.UNITS_PER_TOKEN) {
					units -= TokenCounter.UNITS_PER_TOKEN;
					walk.addTokens(1);
				}
			}
			walk.feed(MESSAGE_END);
			if (units > 0) {
				walk.addTokens(1);
			}
		}
		return new PromptTokens(walk.tokens + REPLY_PRIMER, Arrays.copyOf(walk.blocks, walk.blockCount));
	}

	int total() {
		return this.total;
	}

	int blockCount() {
		return this.blockHashes.length;
	}

	/** Hash of the prefix made of the first {@code index + 1} blocks. */
	long blockHash(int index) {
		return this.blockHashes[index];
	}

	private static final class Walk {

		private long hash = FNV_OFFSET;

		private int tokens;

		private long[] blocks = new long[16];

		private int blockCount;

		void feed(String text) {
			for (int i = 0; i < text.length(); i++) {
				feed(text.charAt(i));
			}
		}

		void feed(int codePoint) {
			this.hash = (this.hash ^ codePoint) * FNV_PRIME;
		}

		void addTokens(int count) {
			this.tokens += count;
			while (this.tokens >= (this.blockCount + 1) * CACHE_BLOCK) {
				if (this.blockCount == this.blocks.length) {
					this.blocks = Arrays.copyOf(this.blocks, this.blockCount * 2);
				}
				this.blocks[this.blockCount++] = this.hash;
			}
		}

	}

}
