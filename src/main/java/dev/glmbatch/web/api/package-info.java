/**
 * The REST API of the service (JSON, errors as RFC 9457 problem details) and its view
 * records.
 */
@NullMarked
package dev.glmbatch.web.api;

import org.jspecify.annotations.NullMarked;
