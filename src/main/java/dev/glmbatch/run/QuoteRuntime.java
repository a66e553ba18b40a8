package dev.glmbatch.run;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A small Spring context for {@code estimate}: the GLM client's configuration (prices,
 * in-flight limits) and {@link Quotes}, without the state database, so that a quote never
 * waits for, nor locks, a running job's state. The adapter is found by package name, so
 * this class does not depend on it.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.glmbatch.llm")
@Import(Quotes.class)
public class QuoteRuntime {

}
