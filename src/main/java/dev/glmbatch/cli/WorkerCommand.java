package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.glmbatch.run.PartitionWorker;
import dev.glmbatch.run.Runs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "worker", mixinStandardHelpOptions = true,
		description = { "Works the partitions of distributed runs (run JOB --distributed) until stopped.",
				"One partition at a time, each with the job's concurrency, through this process's GLM endpoint; start",
				"one or more on each host." },
		footer = {
				"%nNeeds the PostgreSQL state database of the runs (SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME,",
				"SPRING_DATASOURCE_PASSWORD) and the API key in ZAI_API_KEY; no job file and no input: the run keeps",
				"both in the state database. SIGTERM or Ctrl-C stops the partition at hand at its next chunk and",
				"hands it back, so that another worker resumes it; a worker killed outright loses its partition",
				"for about 10 s, then its run resumes it elsewhere.", ExitCode.HELP })
final class WorkerCommand implements Callable<Integer> {

	@Mixin
	private GlmEndpointOptions endpoint = new GlmEndpointOptions();

	@Override
	public Integer call() {
		endpoint.requireValid();
		String key = System.getenv("ZAI_API_KEY");
		if (key == null || key.isBlank()) {
			throw new CommandException(
					"Set the ZAI_API_KEY environment variable to the API key the workers call GLM" + " with.");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		endpoint.putInto(properties);
		PrintStream out = System.out;
		ConfigurableApplicationContext context = SpringRuntime.start(properties);
		PartitionWorker worker = context.getBean(PartitionWorker.class);
		out.printf("Worker %s on %s; waiting for partitions of distributed runs (Ctrl-C to stop)%n", worker.name(),
				StateLocation.banner(context.getBean(Runs.class).stateDatabase()));
		out.flush();
		// returns once stopped: Spring's shutdown hook stops the worker on SIGTERM or
		// Ctrl-C, after the partition at hand has reached a chunk boundary, then closes
		// the context
		worker.work();
		return ExitCode.DONE;
	}

}
