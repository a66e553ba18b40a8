/**
 * CSV output, RFC 4180, published atomically.
 */
@NullMarked
package dev.glmbatch.output.csv;

import org.jspecify.annotations.NullMarked;
