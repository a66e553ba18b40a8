/**
 * GLM wire records (request, response, stream chunk, error body); used only by the glm
 * adapter.
 */
@NullMarked
package dev.glmbatch.llm.glm.api;

import org.jspecify.annotations.NullMarked;
