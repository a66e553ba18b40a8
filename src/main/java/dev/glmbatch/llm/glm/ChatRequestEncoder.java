package dev.glmbatch.llm.glm;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.glm.api.ChatCompletionRequest;
import dev.glmbatch.llm.glm.api.ChatTemplateKwargs;
import dev.glmbatch.llm.glm.api.ResponseFormat;
import dev.glmbatch.llm.glm.api.StreamOptions;
import dev.glmbatch.llm.glm.api.ThinkingOption;
import dev.glmbatch.llm.glm.api.WireMessage;
import dev.glmbatch.llm.glm.api.WireTool;

/**
 * Maps a port request to the wire body of one attempt. Thinking is explicit in the form
 * the model takes (see {@link ThinkingControl}): left out, GLM-4.5 thinks, and spends
 * output tokens on it.
 * <ul>
 * <li>{@code toggle}: {@code thinking.type} on Z.AI,
 * {@code chat_template_kwargs.enable_thinking} on a self-hosted server;</li>
 * <li>{@code effort}: {@code reasoning_effort}, the request's own or {@code low} for
 * thinking disabled and {@code high} for enabled (such a model cannot stop thinking;
 * {@code low} reasons least); on a self-hosted server the template switch;</li>
 * <li>{@code always}: nothing, since the model refuses to be told.</li>
 * </ul>
 * {@code reasoning_effort} is never sent to a model of another kind.
 *
 * <p>
 * A request with tools sends them with {@code tool_choice: "auto"}, the only value GLM
 * accepts (any other is refused with HTTP 400). A streamed request with tools to Z.AI
 * also asks for {@code tool_stream} when the model has it (GLM-4.6 and later): the
 * arguments then arrive in fragments instead of in one piece at the end.
 */
final class ChatRequestEncoder {

	/** The only {@code tool_choice} GLM accepts. */
	static final String TOOL_CHOICE = "auto";

	/**
	 * {@code glm-MAJOR[.MINOR]...}: the version that decides whether a model takes
	 * {@code tool_stream}.
	 */
	private static final Pattern VERSION = Pattern.compile("glm-(\\d+)(?:\\.(\\d+))?(?![\\d.]).*");

	private ChatRequestEncoder() {
	}

	/** The body for a model whose thinking is a toggle. */
	static ChatCompletionRequest encode(ChatRequest request, GlmDialect dialect, String requestId) {
		return encode(request, dialect, ThinkingControl.TOGGLE, requestId);
	}

	static ChatCompletionRequest encode(ChatRequest request, GlmDialect dialect, ThinkingControl control,
			String requestId) {
		boolean thinking = request.thinking().isEnabled();
		boolean zai = dialect == GlmDialect.ZAI;
		boolean toggle = control == ThinkingControl.TOGGLE;
		String effort = null;
		if (zai && control == ThinkingControl.EFFORT) {
			ReasoningEffort asked = request.reasoningEffort();
			effort = ((asked != null) ? asked : ReasoningEffort.of(request.thinking())).key();
		}
		List<WireMessage> messages = request.messages().stream().map(ChatRequestEncoder::message).toList();
		boolean tools = !request.tools().isEmpty();
		List<WireTool> wireTools = tools ? request.tools()
			.stream()
			.map(tool -> WireTool.function(tool.name(), tool.description(), tool.parameters()))
			.toList() : null;
		boolean toolStream = tools && zai && request.stream() && streamsToolArguments(request.model());
		return new ChatCompletionRequest(request.model(), messages,
				(zai && toggle) ? (thinking ? ThinkingOption.enabled() : ThinkingOption.disabled()) : null,
				(zai || control == ThinkingControl.ALWAYS) ? null : new ChatTemplateKwargs(thinking), effort,
				request.temperature(), request.topP(), request.doSample(), request.maxTokens(),
				request.jsonMode() ? ResponseFormat.jsonObject() : null, request.stream() ? Boolean.TRUE : null,
				(request.stream() && !zai) ? StreamOptions.withUsage() : null, requestId, wireTools,
				tools ? TOOL_CHOICE : null, toolStream ? Boolean.TRUE : null);
	}

	/**
	 * Whether the model streams a call's arguments in fragments when asked with
	 * {@code tool_stream}: GLM-4.6 and later. The 4.5 family does not take the field, nor
	 * does an id that names no GLM version.
	 */
	static boolean streamsToolArguments(String model) {
		Matcher matcher = VERSION.matcher(model.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return false;
		}
		int major = Integer.parseInt(matcher.group(1));
		int minor = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		return major > 4 || (major == 4 && minor >= 6);
	}

	private static WireMessage message(ChatMessage message) {
		return new WireMessage(message.role().name().toLowerCase(Locale.ROOT), message.content());
	}

}
