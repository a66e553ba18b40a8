package dev.glmbatch.run;

/**
 * A run was not started because another live process is working it (its heartbeat is
 * fresh). Unlike other refusals this one passes by itself: the other process finishes or
 * stops the run.
 */
public final class RunHeldException extends RunRefusedException {

	public RunHeldException(String message) {
		super(message);
	}

}
