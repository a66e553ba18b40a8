package dev.glmbatch.run.permit;

import dev.glmbatch.llm.SharedInFlightLimit;

/**
 * One attempt's permit from {@link ModelPermits}: its slot, and the limit's epoch when it
 * was taken, so that the attempt's answer grows or cuts the limit only if no cut came
 * between. Released once, however often it is asked to be.
 */
final class Lease implements SharedInFlightLimit.Permit {

	private final ModelPermits permits;

	private final int slot;

	private final long epoch;

	private boolean released;

	Lease(ModelPermits permits, int slot, long epoch) {
		this.permits = permits;
		this.slot = slot;
		this.epoch = epoch;
	}

	@Override
	public void succeeded() {
		permits.succeeded(epoch);
	}

	@Override
	public void rateLimited() {
		permits.rateLimited(epoch);
	}

	@Override
	public void release() {
		if (!released) {
			released = true;
			permits.release(slot);
		}
	}

}
