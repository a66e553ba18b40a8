/**
 * The language of jobs: YAML files in jobs/ bound to validated, immutable JobDefinition
 * records.
 */
@NullMarked
package dev.glmbatch.jobdef;

import org.jspecify.annotations.NullMarked;
