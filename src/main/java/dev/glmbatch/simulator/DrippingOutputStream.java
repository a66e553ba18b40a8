package dev.glmbatch.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Sends everything written to it a few bytes at a time, flushing and pausing after each
 * piece, like a congested link.
 */
final class DrippingOutputStream extends FilterOutputStream {

	private final SimulatorRule.SlowDrip drip;

	DrippingOutputStream(OutputStream out, SimulatorRule.SlowDrip drip) {
		super(out);
		this.drip = drip;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		for (int start = offset; start < offset + length; start += this.drip.bytes()) {
			this.out.write(bytes, start, Math.min(this.drip.bytes(), offset + length - start));
			this.out.flush();
			try {
				LatencyModel.sleepNanos(this.drip.pause().toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while dripping the response");
			}
		}
	}

}
