/**
 * The service's HTTP surface: the API token check and the web wiring; reads and controls
 * runs only through {@code run}.
 */
@NullMarked
package dev.glmbatch.web;

import org.jspecify.annotations.NullMarked;
