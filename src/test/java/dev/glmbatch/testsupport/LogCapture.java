package dev.glmbatch.testsupport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the application at DEBUG and above while open, to check
 * what reaches the logs.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger application = (Logger) LoggerFactory.getLogger("dev.glmbatch");

	private final Level previousLevel = application.getLevel();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	public LogCapture() {
		appender.start();
		root.addAppender(appender);
		application.setLevel(Level.DEBUG);
	}

	/**
	 * Each event as logged: level, logger, formatted message and any throwable's
	 * messages.
	 */
	public List<String> lines() {
		synchronized (appender.list) {
			return appender.list.stream().map(LogCapture::render).toList();
		}
	}

	public List<String> warnings() {
		synchronized (appender.list) {
			return appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.map(LogCapture::render)
				.toList();
		}
	}

	private static String render(ILoggingEvent event) {
		StringBuilder line = new StringBuilder().append(event.getLevel())
			.append(' ')
			.append(event.getLoggerName())
			.append(' ')
			.append(event.getFormattedMessage());
		for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
			line.append(" | ").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
		}
		return line.toString();
	}

	@Override
	public void close() {
		root.detachAppender(appender);
		application.setLevel(previousLevel);
	}

}
