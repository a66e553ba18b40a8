package dev.glmbatch.llm.glm;

/**
 * How the server expects the thinking switch. The two are not interchangeable: the
 * GLM-4.5 chat template of vLLM/SGLang ignores Z.AI's {@code thinking} object, and Z.AI
 * does not read {@code chat_template_kwargs}.
 */
public enum GlmDialect {

	/** Z.AI and BigModel: {@code "thinking":{"type":"enabled"|"disabled"}}. */
	ZAI,

	/**
	 * A self-hosted OpenAI-compatible server (vLLM, SGLang):
	 * {@code "chat_template_kwargs":{"enable_thinking":true|false}}, plus
	 * {@code stream_options} so that a stream ends with usage.
	 */
	OPENAI_COMPATIBLE

}
