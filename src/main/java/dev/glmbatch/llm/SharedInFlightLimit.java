package dev.glmbatch.llm;

/**
 * The in-flight limit of an account's models as several processes share it: a provider
 * limits calls in flight per account, not per process, so processes calling one account
 * take a permit from a common pool before each attempt and give it back after. The
 * adaptive limit (halved on a rate-limit answer, grown back on success) is the pool's, so
 * every process sees the cut one of them caused. Implementations are thread-safe.
 */
public interface SharedInFlightLimit {

	/**
	 * Makes a model known with the ceiling of its limit, keeping the limit another
	 * process has set.
	 * @param model the model id
	 * @param ceiling at least 1
	 */
	void register(String model, int ceiling);

	/**
	 * Sets the ceiling of a model's limit from now on (a run's {@code max-in-flight});
	 * the limit starts again at it, for every process.
	 * @param model the model id
	 * @param ceiling at least 1
	 */
	void setCeiling(String model, int ceiling);

	/**
	 * Takes a permit of a model, waiting while the pool has none for this process.
	 * @param model the model id, registered before
	 * @return the permit; end it with {@link Permit#release()}
	 * @throws InterruptedException when interrupted while waiting
	 */
	Permit acquire(String model) throws InterruptedException;

	/** The model's limit now, as this process last read it; 0 when unknown. */
	int limit(String model);

	/** One attempt's permit. Used by one thread. */
	interface Permit {

		/** The attempt was answered: counts towards growing the limit. */
		void succeeded();

		/**
		 * The attempt was refused for too many calls in flight: cuts the limit, unless it
		 * was cut since this permit was taken.
		 */
		void rateLimited();

		/** Gives the permit back; later calls do nothing. */
		void release();

	}

}
