package dev.glmbatch.simulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool of the HTTP server: it reuses idle threads, grows up to a large bound
 * so that requests sleeping through simulated latency never hold up others, and queues
 * only beyond that bound.
 *
 * <p>
 * A plain {@link ThreadPoolExecutor} queues before it grows; the queue here accepts a
 * task only when an idle worker takes it at once, which makes the pool grow first, and
 * the rejection handler queues the overflow.
 */
final class RequestThreads {

	private static final int CORE_THREADS = 4;

	private static final long IDLE_SECONDS = 60;

	private RequestThreads() {
	}

	static ExecutorService create(int maxThreads, String namePrefix) {
		HandOffQueue queue = new HandOffQueue();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(CORE_THREADS, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS,
				queue, daemonThreads(namePrefix), (task, executor) -> {
					if (executor.isShutdown()) {
						throw new RejectedExecutionException("the simulator is closed");
					}
					queue.enqueue(task);
				});
		return pool;
	}

	private static ThreadFactory daemonThreads(String namePrefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {

		private static final long serialVersionUID = 1L;

		@Override
		public boolean offer(Runnable task) {
			return tryTransfer(task);
		}

		void enqueue(Runnable task) {
			super.offer(task);
		}

	}

}
