/**
 * GLM adapter of the llm port: HTTP calls to Z.AI or an OpenAI-compatible server, fault
 * classification, retry and pricing.
 */
@NullMarked
package dev.glmbatch.llm.glm;

import org.jspecify.annotations.NullMarked;
