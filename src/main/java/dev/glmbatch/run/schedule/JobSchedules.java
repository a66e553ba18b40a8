package dev.glmbatch.run.schedule;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.jobdef.Schedule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * The service's schedules: loads the job files and reloads them when they change, takes
 * part in the {@link Leadership} of the service processes on the state database, and on
 * shutdown stops the runs at a chunk boundary. The process that leads fires each
 * scheduled job at its cron times and resumes the runs left unfinished
 * ({@link LeaderTriggers}); missed triggers follow the job's
 * {@link Schedule.MissedTriggers} policy: with {@code run-once}, one catch-up trigger
 * fires when a process comes to lead (at start-up with one process).
 *
 * <p>
 * Stops in the first shutdown phase, before the web server, so that runs are stopped and
 * their state saved while the database is still open.
 */
public class JobSchedules implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobSchedules.class);

	private final JobCatalogue catalogue;

	private final RunLauncher launcher;

	private final Leadership leadership;

	private final ScheduleProperties properties;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final LeaderTriggers triggers;

	private @Nullable ScheduledFuture<?> reloadCheck;

	private volatile boolean running;

	JobSchedules(JobCatalogue catalogue, RunLauncher launcher, RequestedRuns requestedRuns, ScheduleFires fires,
			Leadership leadership, ScheduleProperties properties) {
		this.catalogue = catalogue;
		this.launcher = launcher;
		this.leadership = leadership;
		this.properties = properties;
		this.scheduler.setPoolSize(2);
		this.scheduler.setThreadNamePrefix("glmb-trigger-");
		this.triggers = new LeaderTriggers(catalogue, launcher, requestedRuns, fires, scheduler);
	}

	@Override
	public synchronized void start() {
		scheduler.initialize();
		catalogue.reload();
		leadership.start(triggers);
		reloadCheck = scheduler.scheduleWithFixedDelay(this::reloadIfChanged, properties.reloadInterval());
		running = true;
	}

	/**
	 * Reloads every job file and replaces the schedules; invalid files are reported in
	 * the entries.
	 */
	public synchronized List<CatalogueEntry> reload() {
		List<CatalogueEntry> entries = catalogue.reload();
		triggers.reschedule(entries);
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

	@Override
	public synchronized void stop() {
		running = false;
		if (reloadCheck != null) {
			reloadCheck.cancel(false);
		}
		triggers.close();
		scheduler.shutdown();
		log.info("Stopping: runs stop at their next chunk boundary and resume at the next start");
		launcher.shutdown(properties.shutdownWait());
		// only now, once the stopped runs are recorded: the next leader resumes them
		leadership.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
