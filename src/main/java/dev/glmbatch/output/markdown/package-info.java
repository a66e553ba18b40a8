/**
 * One Markdown file per summarised document, beside the summary table.
 */
@NullMarked
package dev.glmbatch.output.markdown;

import org.jspecify.annotations.NullMarked;
