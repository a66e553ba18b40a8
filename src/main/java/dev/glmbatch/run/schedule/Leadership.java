package dev.glmbatch.run.schedule;

import java.util.Optional;

/**
 * Which of the service processes on one state database does the background work of the
 * service ({@link LeaderDuties}): fires the schedules and resumes the runs left
 * unfinished. Every process serves the API and the dashboard whether it leads or not.
 */
interface Leadership {

	/**
	 * Takes part from now on: {@code duties} begin when this process comes to lead and
	 * end when it stops leading. Called once.
	 */
	void start(LeaderDuties duties);

	/**
	 * Takes part no more; returns once the duties have ended and another process may
	 * lead.
	 */
	void stop();

	/** Whether this process leads now. */
	boolean leads();

	/** This process, as the state database and the service's info name it. */
	String process();

	/** The process that leads now, if one does. */
	Optional<String> leader();

	/**
	 * What the service processes do while they lead, begun and ended by
	 * {@link Leadership}; never both at once.
	 */
	interface LeaderDuties {

		void lead();

		void stopLeading();

	}

}
