/**
 * App-wide infrastructure wiring: job repository, DataSource, serializer, clock.
 */
@NullMarked
package dev.glmbatch.system;

import org.jspecify.annotations.NullMarked;
