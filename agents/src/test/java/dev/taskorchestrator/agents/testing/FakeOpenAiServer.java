package dev.taskorchestrator.agents.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake OpenAI Chat Completions server ({@code POST /v1/chat/completions}); {@link #baseUrl()}
 * ends in {@code /v1} like an OpenAI base URL. The static methods build wire-format answers.
 */
public final class FakeOpenAiServer extends FakeModelServer {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** A tool call in an answer; {@code arguments} is the JSON text the model produced. */
  public record Call(String id, String name, String arguments) {}

  private FakeOpenAiServer() {
    super("/v1");
  }

  public static FakeOpenAiServer start() {
    return new FakeOpenAiServer();
  }

  /** A text answer with usage ({@code cached} goes to prompt_tokens_details.cached_tokens). */
  public static ScriptedReply text(String text, long promptTokens, long completionTokens,
      long cached) {
    ObjectNode message = MAPPER.createObjectNode().put("role", "assistant").put("content", text);
    return completion(message, "stop", usage(promptTokens, completionTokens, cached));
  }

  /** An answer asking for tool calls, with no text. */
  public static ScriptedReply toolCalls(Call... calls) {
    ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode array = message.putArray("tool_calls");
    for (Call call : calls) {
      array.addObject().put("id", call.id()).put("type", "function").putObject("function")
          .put("name", call.name()).put("arguments", call.arguments());
    }
    return completion(message, "tool_calls", usage(20, 5, 0));
  }

  /** A complete chat.completion body around one choice. */
  public static ScriptedReply completion(ObjectNode message, String finishReason,
      ObjectNode usage) {
    ObjectNode root = MAPPER.createObjectNode().put("id", "chatcmpl-fake")
        .put("object", "chat.completion").put("created", 1_700_000_000L)
        .put("model", "gpt-fake-2026");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    root.set("usage", usage);
    return ScriptedReply.json(200, MAPPER.writeValueAsString(root));
  }

  public static ObjectNode usage(long promptTokens, long completionTokens, long cached) {
    ObjectNode usage = MAPPER.createObjectNode().put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }

  /** An OpenAI error body: {@code {"error":{"message","type","param","code"}}}. */
  public static ScriptedReply error(int status, String type, String message, String code) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return ScriptedReply.json(status, MAPPER.writeValueAsString(root));
  }
}
