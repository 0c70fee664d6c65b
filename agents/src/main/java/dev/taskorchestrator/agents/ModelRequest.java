package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model call.
 *
 * @param model the model wanted; {@code null} or blank means the provider's default (its first
 *     configured model). A provider that does not list this model uses its default instead, which
 *     is how a fallback provider picks its own model.
 * @param systemPrompt instructions; may be empty
 * @param messages the conversation so far; at least one
 * @param tools the tools the model may call; may be empty
 * @param temperature sampling temperature, or {@code null} to leave it to the provider (required
 *     for models that reject the parameter)
 * @param maxTokens the output limit, at least 1
 * @param responseSchema a JSON schema the answer should follow, or {@code null}: OpenAI gets it as
 *     {@code response_format} (json_schema), Anthropic as an instruction in the system prompt. The
 *     provider does not validate the answer against it; the agent loop does.
 */
public record ModelRequest(
    String model,
    String systemPrompt,
    List<Message> messages,
    List<ToolDefinition> tools,
    Double temperature,
    int maxTokens,
    Map<String, Object> responseSchema) {

  public ModelRequest {
    systemPrompt = systemPrompt == null ? "" : systemPrompt;
    messages = List.copyOf(requireNonNull(messages, "messages is null"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages is empty");
    }
    tools = List.copyOf(requireNonNull(tools, "tools is null"));
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
    }
    responseSchema = responseSchema == null
        ? null
        : Collections.unmodifiableMap(new LinkedHashMap<>(responseSchema));
  }

  /** A single user prompt with no tools, provider default model and temperature. */
  public static ModelRequest of(String systemPrompt, String userText, int maxTokens) {
    return new ModelRequest(null, systemPrompt, List.of(new UserMessage(userText)), List.of(),
        null, maxTokens, null);
  }

  /** This request with another model. */
  public ModelRequest withModel(String newModel) {
    return new ModelRequest(newModel, systemPrompt, messages, tools, temperature, maxTokens,
        responseSchema);
  }

  /** This request with another conversation (the next turn of a tool loop). */
  public ModelRequest withMessages(List<Message> newMessages) {
    return new ModelRequest(model, systemPrompt, newMessages, tools, temperature, maxTokens,
        responseSchema);
  }
}
