package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code chat_template_kwargs} object that vLLM and SGLang pass to the GLM-4.5 chat
 * template.
 *
 * @param enableThinking whether the template lets the model reason first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatTemplateKwargs(@JsonProperty("enable_thinking") boolean enableThinking) {

}
