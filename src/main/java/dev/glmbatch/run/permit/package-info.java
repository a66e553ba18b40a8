/**
 * The account's in-flight limit shared by every glm-batch process on one PostgreSQL state
 * database: leased permits in a table, renewed while their process lives, and the
 * adaptive limit in a row per account and model.
 */
@NullMarked
package dev.glmbatch.run.permit;

import org.jspecify.annotations.NullMarked;
