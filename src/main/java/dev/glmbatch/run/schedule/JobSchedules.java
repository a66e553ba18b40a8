package dev.glmbatch.run.schedule;

import java.time.ZonedDateTime;
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
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Fires each scheduled job at its cron times, reloads job files when they change, and on
 * shutdown stops the runs at a chunk boundary. Missed triggers follow the job's
 * {@link Schedule.MissedTriggers} policy: with {@code run-once}, one catch-up trigger
 * fires at start-up.
 *
 * <p>
 * At start-up, before any trigger, the runs started or resumed on request that the last
 * service process did not finish ({@link RequestedRuns}) are resumed, each job's one
 * after the other; a job's catch-up trigger waits for them.
 *
 * <p>
 * Stops in the first shutdown phase, before the web server, so that runs are stopped and
 * their state saved while the database is still open.
 */
public class JobSchedules implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobSchedules.class);

	private final JobCatalogue catalogue;

	private final RunLauncher launcher;

	private final RequestedRuns requestedRuns;

	private final ScheduleProperties properties;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final Map<String, ScheduledFuture<?>> triggers = new ConcurrentHashMap<>();

	private @Nullable ScheduledFuture<?> reloadCheck;

	private volatile boolean running;

	JobSchedules(JobCatalogue catalogue, RunLauncher launcher, RequestedRuns requestedRuns,
			ScheduleProperties properties) {
		this.catalogue = catalogue;
		this.launcher = launcher;
		this.requestedRuns = requestedRuns;
		this.properties = properties;
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix("glmb-trigger-");
	}

	@Override
	public synchronized void start() {
		scheduler.initialize();
		List<CatalogueEntry> entries = catalogue.reload();
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
			log.info("Job '{}': catch-up trigger at start-up (missed: run-once)", job.name());
			scheduler.execute(() -> fire(job.name()));
		}
		reloadCheck = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, properties.reloadInterval());
		running = true;
	}

	/**
	 * Resumes the recorded runs, job by job; removes from {@code catchUps} the jobs whose
	 * catch-up trigger is to run after their resumed runs. A failure here is logged: the
	 * service starts all the same.
	 */
	private void resumeInterruptedRuns(Map<String, JobFile> catchUps) {
		Map<String, List<RequestedRun>> byJob = new LinkedHashMap<>();
		try {
			for (RequestedRun run : requestedRuns.all()) {
				byJob.computeIfAbsent(run.jobName(), name -> new ArrayList<>()).add(run);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Cannot read the runs to resume at start-up: {}", ex.getMessage());
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

	/**
	 * Reloads every job file and replaces the schedules; invalid files are reported in
	 * the entries.
	 */
	public synchronized List<CatalogueEntry> reload() {
		List<CatalogueEntry> entries = catalogue.reload();
		schedule(entries);
		return entries;
	}

	/** The next time the job's trigger fires, if it has a schedule. */
	public Optional<ZonedDateTime> nextTrigger(JobFile job) {
		Schedule schedule = job.schedule();
		if (schedule == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(CronExpression.parse(schedule.cron()).next(ZonedDateTime.now(schedule.zone())));
	}

	private void reloadIfChanged() {
		try {
			if (catalogue.hasChanged()) {
				log.info("Job files changed in {}: reloading", catalogue.folder());
				reload();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot reload the job files: {}", ex.getMessage());
		}
	}

	private void schedule(List<CatalogueEntry> entries) {
		triggers.values().forEach(trigger -> trigger.cancel(false));
		triggers.clear();
		for (CatalogueEntry entry : entries) {
			JobFile job = entry.job();
			if (job == null || job.schedule() == null) {
				continue;
			}
			Schedule schedule = job.schedule();
			ScheduledFuture<?> trigger = scheduler.schedule(() -> fire(job.name()),
					new CronTrigger(schedule.cron(), schedule.zone()));
			if (trigger != null) {
				triggers.put(job.name(), trigger);
			}
			log.info("Job '{}' scheduled: {} ({})", job.name(), schedule.cron(), schedule.zone());
		}
	}

	private void fire(String jobName) {
		// the job file may have changed since scheduling: use the current one
		Optional<JobFile> job = catalogue.find(jobName).map(CatalogueEntry::job);
		if (job.isEmpty()) {
			log.warn("Trigger of job '{}' skipped: its job file is invalid or gone", jobName);
			return;
		}
		launcher.trigger(job.get());
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (reloadCheck != null) {
			reloadCheck.cancel(false);
		}
		triggers.values().forEach(trigger -> trigger.cancel(false));
		triggers.clear();
		scheduler.shutdown();
		log.info("Stopping: runs stop at their next chunk boundary and resume at the next start");
		launcher.shutdown(properties.shutdownWait());
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
