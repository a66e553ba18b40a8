/**
 * The text of a document, within caps: PDF (PDFBox), HTML (jsoup: the main text, without
 * navigation, scripts or styles), {@code .docx}, {@code .pptx} and {@code .xlsx} (POI),
 * {@code .odt}, and plain {@code .txt} and {@code .md}. A document that cannot be read
 * (encrypted, image-only, damaged) or that would cost more than its
 * {@link dev.glmbatch.jobdef.DocumentLimits limits} (pages, characters, time, memory,
 * size) is refused with a reason fit for the reject file, and only that document is lost.
 */
@NullMarked
package dev.glmbatch.task.document;

import org.jspecify.annotations.NullMarked;
