/**
 * The command line: parses arguments, calls run, prints results and maps outcomes to exit
 * codes.
 */
@NullMarked
package dev.glmbatch.cli;

import org.jspecify.annotations.NullMarked;
