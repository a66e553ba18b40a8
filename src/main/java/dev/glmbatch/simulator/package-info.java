/**
 * A loopback HTTP server that speaks the GLM chat-completions protocol, for tests,
 * benchmarks and the offline demo.
 */
@NullMarked
package dev.glmbatch.simulator;

import org.jspecify.annotations.NullMarked;
