/**
 * RFC 4180 CSV reading with strict decoding and restart by record position.
 */
@NullMarked
package dev.glmbatch.input.csv;

import org.jspecify.annotations.NullMarked;
