package dev.glmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.glmbatch.run.Runs;
import dev.glmbatch.simulator.GlmSimulator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Runs as a long-lived service: job schedules, a REST API and a dashboard.",
				"API under /api (described at /openapi.yaml); health, info and Prometheus metrics under /actuator." },
		footer = { "%nJob files are read from --jobs and reloaded when they change. SIGTERM or Ctrl-C stops the runs",
				"at a chunk boundary (then the --simulate simulator); they resume at the next start, whatever started",
				"them. After a crash, runs started or resumed through the API resume at the next start, unless they",
				"were stopped on request or failed; sweeps resume at the job's next trigger (at start-up with missed:",
				"run-once). Bound to 127.0.0.1 unless --bind says otherwise; any other address requires",
				"glmbatch.service.token (env GLMBATCH_SERVICE_TOKEN)." })
final class ServeCommand implements Callable<Integer> {

	@Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080; 0 for a free one).")
	private @Nullable Integer port;

	@Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
	private @Nullable String bind;

	@Option(names = "--jobs", paramLabel = "DIR", description = "Folder of job files (default: jobs).")
	private @Nullable Path jobs;

	@Mixin
	private GlmEndpointOptions endpoint = new GlmEndpointOptions();

	@Mixin
	private SimulateOption offline = new SimulateOption();

	@Override
	public Integer call() throws InterruptedException {
		endpoint.requireValid();
		PrintStream out = System.out;
		Map<String, Object> properties = new LinkedHashMap<>();
		if (port != null) {
			properties.put("server.port", port);
		}
		if (bind != null) {
			properties.put("server.address", bind);
		}
		if (jobs != null) {
			properties.put("glmbatch.service.jobs", jobs.toAbsolutePath().normalize());
		}
		GlmSimulator simulator = null;
		if (offline.simulate) {
			simulator = SimulateOption.start(properties);
			out.printf("GLM simulator: %s (offline; simulated answers: %s)%n", simulator.zaiBaseUrl(),
					GlmSimulator.describeAnswers("any"));
		}
		else if (System.getenv("ZAI_API_KEY") == null || System.getenv("ZAI_API_KEY").isBlank()) {
			throw new CommandException("Set the ZAI_API_KEY environment variable to your Z.AI API key"
					+ " (or add --simulate to serve offline against the built-in simulator).");
		}
		endpoint.putInto(properties);
		CountDownLatch closed = new CountDownLatch(1);
		GlmSimulator started = simulator;
		ConfigurableApplicationContext context;
		try {
			context = SpringRuntime.startService(properties,
					(started == null) ? null : initialising -> initialising.getBeanFactory()
						.registerSingleton("builtInGlmSimulator", new SimulatorLifecycle(started)));
		}
		catch (RuntimeException ex) {
			if (simulator != null) {
				simulator.close();
			}
			throw ex;
		}
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		Runs runs = context.getBean(Runs.class);
		String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
		String actualPort = context.getEnvironment().getProperty("local.server.port", "?");
		out.printf("glm-batch service on http://%s:%s (API: /api, description: /openapi.yaml, metrics:"
				+ " /actuator/prometheus)%n", address, actualPort);
		out.printf("Jobs:    %s%nState:   %s (process %d)%n",
				context.getEnvironment().getProperty("glmbatch.service.jobs", "jobs"),
				StateLocation.banner(runs.stateDatabase()), ProcessHandle.current().pid());
		String oldState = StateLocation.oldStateNote(runs.stateDatabase());
		if (oldState != null) {
			out.println(oldState);
		}
		out.flush();
		// the service runs until SIGTERM or Ctrl-C; Spring's shutdown hook stops the
		// runs, then the simulator (the
		// lifecycle below, last), then closes the context; this thread only waits for it
		// to begin
		closed.await();
		return ExitCode.DONE;
	}

	/**
	 * The built-in simulator as part of the service's context, stopped in the last
	 * lifecycle phase: after the schedules and the runs (stopped at a chunk boundary in
	 * the default phase), never before, so that no run loses its endpoint while it
	 * finishes its chunk.
	 */
	private static final class SimulatorLifecycle implements SmartLifecycle {

		private final GlmSimulator simulator;

		private volatile boolean running = true;

		SimulatorLifecycle(GlmSimulator simulator) {
			this.simulator = simulator;
		}

		@Override
		public void start() {
			running = true;
		}

		@Override
		public void stop() {
			running = false;
			simulator.close();
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
