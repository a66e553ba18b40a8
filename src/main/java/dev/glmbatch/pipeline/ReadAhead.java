package dev.glmbatch.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * A window of work kept in flight ahead of its consumer: it reads items from a source,
 * starts each one's work on a pool of threads as soon as it is read, and hands the
 * results back in the order the items were read. A slow item holds back only the
 * consumer; the pool keeps working on the items behind it, up to the window's size.
 * <p>
 * An item whose work fails is offered to a {@link Requeue} policy, which either sends it
 * back to the pool's queue after a delay or ends it with an exception; the consumer meets
 * that exception in item order.
 * <p>
 * While the consumer waits for an item it looks every {@value #STOP_POLL_MILLIS} ms
 * whether it was asked to stop, and then gives up waiting, so that a slow or backing-off
 * item never holds a stop up.
 * <p>
 * Restart: {@link #skip} passes over the items a previous run finished, reading them
 * without working on them; the caller says how many there were.
 * <p>
 * Not thread-safe: one consumer thread calls it; only the work runs on the pool.
 *
 * @param <T> the items read
 * @param <R> the results of their work
 */
final class ReadAhead<T, R> implements AutoCloseable {

	/**
	 * How often the consumer, while it waits for an item, looks whether it was asked to
	 * stop.
	 */
	static final long STOP_POLL_MILLIS = 100;

	/** How long {@link #close()} waits for the work already running. */
	private static final int CLOSE_WAIT_SECONDS = 30;

	/** Where the items come from, in order. */
	@FunctionalInterface
	interface Source<T> {

		/**
		 * @return the next item, or {@code null} after the last one
		 */
		@Nullable T next() throws Exception;

	}

	/** The work done for one item, on a pool thread. */
	@FunctionalInterface
	interface Work<T, R> {

		R perform(T item) throws Exception;

	}

	/** Decides what becomes of an item whose work failed. */
	@FunctionalInterface
	interface Requeue<T> {

		/**
		 * @param requeues how often the item went back to the queue already
		 * @return the delay after which the item's work runs again
		 * @throws Exception the exception the item ends with: the failure itself, or one
		 * that explains it
		 */
		Duration delay(T item, Exception failure, int requeues) throws Exception;

		/** Ends every failed item with its failure. */
		static <T> Requeue<T> never() {
			return (item, failure, requeues) -> {
				throw failure;
			};
		}

	}

	private final Source<T> source;

	private final Work<T, R> work;

	private final Requeue<T> requeue;

	private final BooleanSupplier stopRequested;

	private final ThreadPoolTaskExecutor pool;

	private final Deque<Pending> window = new ArrayDeque<>();

	private boolean exhausted;

	/**
	 * Starts the pool; {@link #close()} stops it.
	 * @param threads the pool's size: how many items are worked on at once
	 * @param threadPrefix the names of the pool's threads, before their number
	 * @param stopRequested whether the consumer was asked to stop
	 */
	ReadAhead(Source<T> source, Work<T, R> work, Requeue<T> requeue, int threads, String threadPrefix,
			BooleanSupplier stopRequested) {
		this.source = source;
		this.work = work;
		this.requeue = requeue;
		this.stopRequested = stopRequested;
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setThreadNamePrefix(threadPrefix);
		executor.setDaemon(true);
		// a closed window lets the work already running finish: it pays for calls nobody
		// else would answer
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(CLOSE_WAIT_SECONDS);
		executor.initialize();
		this.pool = executor;
	}

	/**
	 * Reads and drops up to {@code count} items without working on them: the items a
	 * previous run finished.
	 * @return how many items there were, less than {@code count} when the source ended
	 * first
	 */
	long skip(long count) throws Exception {
		long skipped = 0;
		while (skipped < count && source.next() != null) {
			skipped++;
		}
		return skipped;
	}

	/**
	 * Reads items and starts their work until {@code size} items are pending or the
	 * source has ended.
	 */
	void fill(int size) throws Exception {
		while (!exhausted && window.size() < size) {
			T item = source.next();
			if (item == null) {
				exhausted = true;
			}
			else {
				Pending pending = new Pending(item);
				window.addLast(pending);
				pool.execute(pending::attempt);
			}
		}
	}

	/** Items read whose results were not taken yet. */
	int pending() {
		return window.size();
	}

	/** Whether the source has ended, or the window was {@link #cancel() cancelled}. */
	boolean exhausted() {
		return exhausted;
	}

	/**
	 * Waits for the result of a pending item, leaving it in the window.
	 * @param index the item's place in the window, 0 for the oldest
	 * @return its result, or {@code null} when a stop was requested while it was not done
	 * @throws ExecutionException when its work ended with an exception
	 */
	@Nullable R await(int index) throws ExecutionException, InterruptedException {
		if (index < 0 || index >= window.size()) {
			throw new NoSuchElementException("no pending item " + index + " of " + window.size());
		}
		Iterator<Pending> items = window.iterator();
		for (int i = 0; i < index; i++) {
			items.next();
		}
		return await(items.next());
	}

	/**
	 * Waits for the result of the oldest pending item and takes it out of the window.
	 * @return its result, or {@code null} when a stop was requested while it was not done
	 * (the item stays)
	 * @throws ExecutionException when its work ended with an exception (the item stays)
	 */
	@Nullable R next() throws ExecutionException, InterruptedException {
		R result = await(0);
		if (result != null) {
			window.pollFirst();
		}
		return result;
	}

	/**
	 * Drops the pending items (work not yet started will not start) and reads no further.
	 */
	void cancel() {
		exhausted = true;
		window.forEach(pending -> pending.result.cancel(false));
		window.clear();
	}

	/**
	 * Cancels the pending items and stops the pool, waiting a while for the work already
	 * running.
	 */
	@Override
	public void close() {
		cancel();
		pool.shutdown();
	}

	private @Nullable R await(Pending pending) throws ExecutionException, InterruptedException {
		while (true) {
			try {
				return pending.result.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (stopRequested.getAsBoolean()) {
					return null;
				}
			}
		}
	}

	/**
	 * An item in the window: its work runs on the pool, and again after a delay when the
	 * policy requeues it.
	 */
	private final class Pending {

		private final T item;

		private final CompletableFuture<R> result = new CompletableFuture<>();

		private int requeues;

		Pending(T item) {
			this.item = item;
		}

		void attempt() {
			if (result.isDone()) {
				// cancelled: the consumer is stopping
				return;
			}
			try {
				result.complete(work.perform(item));
			}
			catch (Exception ex) {
				requeueOrFail(ex);
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}

		private void requeueOrFail(Exception failure) {
			Duration delay;
			try {
				delay = requeue.delay(item, failure, requeues);
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
				return;
			}
			requeues++;
			Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, command -> {
				try {
					pool.execute(command);
				}
				catch (RejectedExecutionException rejected) {
					// the window closed meanwhile: the item's result was not taken, so a
					// restart works on it again
					result.cancel(false);
				}
			});
			later.execute(this::attempt);
		}

	}

}
