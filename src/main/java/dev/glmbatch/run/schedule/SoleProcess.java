package dev.glmbatch.run.schedule;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The leadership of an embedded H2 state database: one process can open it, so that
 * process leads from the start to the end, without an election.
 */
final class SoleProcess implements Leadership {

	private final String process;

	private volatile boolean leads;

	private @Nullable LeaderDuties duties;

	SoleProcess(String process) {
		this.process = process;
	}

	@Override
	public synchronized void start(LeaderDuties duties) {
		this.duties = duties;
		leads = true;
		duties.lead();
	}

	@Override
	public synchronized void stop() {
		if (leads && duties != null) {
			leads = false;
			duties.stopLeading();
		}
	}

	@Override
	public boolean leads() {
		return leads;
	}

	@Override
	public String process() {
		return process;
	}

	@Override
	public Optional<String> leader() {
		return leads ? Optional.of(process) : Optional.empty();
	}

}
