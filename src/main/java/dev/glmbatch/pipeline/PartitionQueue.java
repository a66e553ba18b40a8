package dev.glmbatch.pipeline;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;

/**
 * The partition requests of distributed runs, waiting for a worker: Spring Batch's
 * {@link StepExecutionRequest}s on a Spring Integration queue kept in the PostgreSQL
 * state database ({@code GLMB_CHANNEL_MESSAGE}), so that a request outlives the manager
 * that sent it and is taken by exactly one worker. PostgreSQL only: a worker claims the
 * oldest request with {@code FOR UPDATE SKIP LOCKED}, so that workers never wait on each
 * other's claims.
 */
public final class PartitionQueue {

	/** The queue's message group: one queue for every run. */
	private static final String GROUP = "glm-batch-partitions";

	private final JdbcChannelMessageStore store;

	public PartitionQueue(DataSource dataSource) {
		JdbcChannelMessageStore requests = new JdbcChannelMessageStore(dataSource);
		requests.setTablePrefix("GLMB_");
		requests.setRegion("glm-batch");
		requests.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
		// only the classes a request is made of may be read back; once any pattern is
		// given, everything else is refused, and a request refused would be dropped
		// without a word
		requests.addAllowedPatterns("org.springframework.batch.integration.partition.*",
				"org.springframework.messaging.*", "org.springframework.integration.*", "java.util.*", "java.lang.*");
		requests.afterPropertiesSet();
		this.store = requests;
	}

	/** Where the manager's partition handler sends its requests. */
	MessagingTemplate sender() {
		return new MessagingTemplate(new QueueChannel(new MessageGroupQueue(store, GROUP)));
	}

	/**
	 * Takes the oldest request off the queue, or returns {@code null} when there is none.
	 * Call it in a transaction: the request is gone for everyone once it commits, and
	 * back on the queue if it rolls back.
	 */
	public @Nullable StepExecutionRequest claim() {
		Message<?> message = store.pollMessageFromGroup(GROUP);
		return (message == null) ? null : (StepExecutionRequest) message.getPayload();
	}

	/** The requests waiting for a worker. */
	public int waiting() {
		return store.messageGroupSize(GROUP);
	}

}
