package dev.glmbatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.glmbatch.run.ActiveRuns;
import org.jspecify.annotations.Nullable;

/**
 * Turns Ctrl-C and SIGTERM into a stop at the next chunk boundary. The hook asks the run
 * to stop, waits until the command has printed its report and closed the state database,
 * then ends the process with the command's exit code (3 when stopped). A second signal
 * does not shorten the wait; {@code kill -9} remains safe, only slower to resume.
 */
final class GracefulShutdown {

	/** Long enough for the calls of one chunk to finish. */
	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final CountDownLatch commandDone = new CountDownLatch(1);

	private final AtomicInteger exitCode = new AtomicInteger(ExitCode.JOB_STOPPED);

	private final Thread hook;

	private final AtomicReference<@Nullable ActiveRuns> runs = new AtomicReference<>();

	/**
	 * Installs the hook at once, so that a signal during start-up is honoured too; see
	 * {@link #attach(ActiveRuns)}.
	 */
	GracefulShutdown(PrintStream err) {
		this.hook = new Thread(() -> {
			if (commandDone.getCount() == 0) {
				return;
			}
			signalled.set(true);
			err.println("Stopping at the next chunk boundary (calls in flight finish and are kept)...");
			ActiveRuns attached = runs.get();
			if (attached != null) {
				attached.stopActive();
			}
			try {
				if (commandDone.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					err.flush();
					Runtime.getRuntime().halt(exitCode.get());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "glmb-graceful-stop");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	/**
	 * Hands over the runs to stop on a signal; a signal that came earlier is applied now.
	 */
	void attach(ActiveRuns attached) {
		runs.set(attached);
		if (signalled.get()) {
			attached.stopActive();
		}
	}

	/**
	 * Called when the command ends with an exception: the hook must not wait for a report
	 * that never comes.
	 */
	void commandAborted() {
		if (commandDone.getCount() == 0) {
			return;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// shutdown is under way: release the hook below
		}
		exitCode.set(ExitCode.JOB_FAILED);
		commandDone.countDown();
	}

	/**
	 * Called by the command when it has finished. Returns normally when no signal
	 * arrived; otherwise hands the exit code to the hook, which ends the process.
	 */
	void commandFinished(int code) {
		if (commandDone.getCount() == 0) {
			return;
		}
		if (!signalled.get()) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
				commandDone.countDown();
				return;
			}
			catch (IllegalStateException ex) {
				// shutdown began meanwhile: fall through to the hand-over below
			}
		}
		if (signalled.get()) {
			exitCode.set(code == ExitCode.DONE ? ExitCode.DONE : code);
			commandDone.countDown();
			// the hook halts the process with the code; System.exit here would block on
			// the running hook
			try {
				Thread.sleep(Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
