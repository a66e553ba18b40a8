package dev.glmbatch.run.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.jobdef.Schedule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The background work of the service process that leads: when it comes to lead, it
 * resumes the runs started or resumed on request that the last leader did not finish
 * ({@link RequestedRuns}), each job's one after the other, schedules every job's cron
 * trigger, and fires a catch-up trigger for each job with {@code missed: run-once} (after
 * its resumed runs). When it stops leading, its triggers are cancelled; runs going on go
 * on.
 *
 * <p>
 * A cron trigger fires only once {@link ScheduleFires} has recorded it for this process,
 * so that two processes that both believe they lead never both fire it.
 */
class LeaderTriggers implements Leadership.LeaderDuties {

	private static final Logger log = LoggerFactory.getLogger(LeaderTriggers.class);

	private final JobCatalogue catalogue;

	private final RunLauncher launcher;

	private final RequestedRuns requestedRuns;

	private final ScheduleFires fires;

	private final TaskScheduler scheduler;

	private final Map<String, ScheduledFuture<?>> triggers = new ConcurrentHashMap<>();

	/** Guarded by {@code this}. */
	private boolean leading;

	/** Guarded by {@code this}: the service is stopping, and nothing begins any more. */
	private boolean closed;

	LeaderTriggers(JobCatalogue catalogue, RunLauncher launcher, RequestedRuns requestedRuns, ScheduleFires fires,
			TaskScheduler scheduler) {
		this.catalogue = catalogue;
		this.launcher = launcher;
		this.requestedRuns = requestedRuns;
		this.fires = fires;
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void lead() {
		if (closed) {
			return;
		}
		leading = true;
		List<CatalogueEntry> entries = catalogue.entries();
		Map<String, JobFile> catchUps = new LinkedHashMap<>();
		for (CatalogueEntry entry : entries) {
			JobFile job = entry.job();
			if (job != null && job.schedule() != null && job.schedule().missed() == Schedule.MissedTriggers.RUN_ONCE) {
				catchUps.put(job.name(), job);
			}
		}
		// before the triggers are scheduled, so that no trigger takes a job whose runs
		// are due to resume
		resumeInterruptedRuns(catchUps);
		schedule(entries);
		for (JobFile job : catchUps.values()) {
			log.info("Job '{}': catch-up trigger (missed: run-once)", job.name());
			scheduler.schedule(() -> fire(job.name(), null), Instant.now());
		}
	}

	@Override
	public synchronized void stopLeading() {
		leading = false;
		cancelTriggers();
	}

	/** Replaces the triggers by those of these entries, if this process leads. */
	synchronized void reschedule(List<CatalogueEntry> entries) {
		if (leading) {
			schedule(entries);
		}
	}

	/** Cancels the triggers for good: the service is stopping. */
	synchronized void close() {
		closed = true;
		leading = false;
		cancelTriggers();
	}

	/**
	 * Resumes the recorded runs, job by job; removes from {@code catchUps} the jobs whose
	 * catch-up trigger is to run after their resumed runs. A failure here is logged: the
	 * service goes on all the same.
	 */
	private void resumeInterruptedRuns(Map<String, JobFile> catchUps) {
		Map<String, List<RequestedRun>> byJob = new LinkedHashMap<>();
		try {
			for (RequestedRun run : requestedRuns.all()) {
				byJob.computeIfAbsent(run.jobName(), name -> new ArrayList<>()).add(run);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Cannot read the runs to resume: {}", ex.getMessage());
			return;
		}
		byJob.forEach((jobName, interrupted) -> {
			log.info("Job '{}': {} run(s) started on request were interrupted when the service last stopped: {}",
					jobName, interrupted.size(), interrupted.stream().map(RequestedRun::runId).toList());
			try {
				launcher.resumeInterrupted(jobName, interrupted,
						catchUps.containsKey(jobName) ? () -> catalogue.find(jobName).map(CatalogueEntry::job) : null);
				catchUps.remove(jobName);
			}
			catch (RuntimeException ex) {
				log.warn("Job '{}': cannot resume its interrupted runs now: {}", jobName, ex.getMessage());
			}
		});
	}

	private void schedule(List<CatalogueEntry> entries) {
		cancelTriggers();
		for (CatalogueEntry entry : entries) {
			JobFile job = entry.job();
			if (job == null || job.schedule() == null) {
				continue;
			}
			Schedule schedule = job.schedule();
			FireTimes times = new FireTimes(new CronTrigger(schedule.cron(), schedule.zone()));
			ScheduledFuture<?> trigger = scheduler.schedule(() -> fire(job.name(), times.scheduled()), times);
			if (trigger != null) {
				triggers.put(job.name(), trigger);
			}
			log.info("Job '{}' scheduled: {} ({})", job.name(), schedule.cron(), schedule.zone());
		}
	}

	private void cancelTriggers() {
		triggers.values().forEach(trigger -> trigger.cancel(false));
		triggers.clear();
	}

	/**
	 * Fires a job's trigger.
	 * @param fireTime the time the job's schedule set for it, which only one process may
	 * record; {@code null} for a catch-up trigger, which is not recorded (it is safe
	 * whenever it fires: a trigger never repeats a completed file)
	 */
	private void fire(String jobName, @Nullable Instant fireTime) {
		// the job file may have changed since scheduling: use the current one
		Optional<JobFile> job = catalogue.find(jobName).map(CatalogueEntry::job);
		if (job.isEmpty()) {
			log.warn("Trigger of job '{}' skipped: its job file is invalid or gone", jobName);
			return;
		}
		if (fireTime != null) {
			try {
				if (!fires.claim(jobName, fireTime)) {
					log.info("Job '{}': trigger of {} fired by another service process", jobName, fireTime);
					return;
				}
			}
			catch (DataAccessException ex) {
				log.warn("Trigger of job '{}' at {} skipped: cannot record it in the state database: {}", jobName,
						fireTime, ex.getMessage());
				return;
			}
			log.info("Job '{}': trigger of {} fired", jobName, fireTime);
		}
		launcher.trigger(job.get());
	}

	/**
	 * A cron trigger that keeps the time it last set: the scheduler asks for the next
	 * time only once a firing has ended, so while a firing runs this is its own time.
	 */
	private static final class FireTimes implements Trigger {

		private final CronTrigger cron;

		private volatile Instant scheduled = Instant.EPOCH;

		FireTimes(CronTrigger cron) {
			this.cron = cron;
		}

		Instant scheduled() {
			return scheduled;
		}

		@Override
		public @Nullable Instant nextExecution(TriggerContext context) {
			Instant next = cron.nextExecution(context);
			if (next != null) {
				scheduled = next;
			}
			return next;
		}

	}

}
