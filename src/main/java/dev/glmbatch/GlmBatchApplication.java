package dev.glmbatch;

import dev.glmbatch.cli.GlmBatchCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * glm-batch: bulk content jobs on GLM. {@code main} parses the command line first; only
 * the commands that need run state start the Spring context.
 */
@SpringBootApplication
public class GlmBatchApplication {

	public static void main(String[] args) {
		System.exit(GlmBatchCommand.execute(args));
	}

}
