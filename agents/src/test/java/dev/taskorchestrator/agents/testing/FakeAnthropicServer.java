package dev.taskorchestrator.agents.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Anthropic Messages server ({@code POST /v1/messages}); {@link #baseUrl()} has no
 * {@code /v1}, like the official SDKs' base URL. The static methods build wire-format answers.
 */
public final class FakeAnthropicServer extends FakeModelServer {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** A tool_use block in an answer; {@code inputJson} is the input object as JSON text. */
  public record Call(String id, String name, String inputJson) {}

  private FakeAnthropicServer() {
    super("");
  }

  public static FakeAnthropicServer start() {
    return new FakeAnthropicServer();
  }

  /** A text answer; {@code inputTokens} is Anthropic's, i.e. without cache reads and writes. */
  public static ScriptedReply text(String text, long inputTokens, long outputTokens,
      long cacheRead, long cacheWrite) {
    ArrayNode content = MAPPER.createArrayNode();
    content.addObject().put("type", "text").put("text", text);
    return message(content, "end_turn", usage(inputTokens, outputTokens, cacheRead, cacheWrite));
  }

  /** An answer with optional text followed by tool_use blocks. */
  public static ScriptedReply toolUse(String text, Call... calls) {
    ArrayNode content = MAPPER.createArrayNode();
    if (!text.isEmpty()) {
      content.addObject().put("type", "text").put("text", text);
    }
    for (Call call : calls) {
      content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
          .set("input", MAPPER.readTree(call.inputJson()));
    }
    return message(content, "tool_use", usage(30, 12, 0, 0));
  }

  /** A complete message body. */
  public static ScriptedReply message(ArrayNode content, String stopReason, ObjectNode usage) {
    ObjectNode root = MAPPER.createObjectNode().put("id", "msg_fake").put("type", "message")
        .put("role", "assistant").put("model", "claude-fake-5");
    root.set("content", content);
    root.put("stop_reason", stopReason);
    root.putNull("stop_sequence");
    root.set("usage", usage);
    return ScriptedReply.json(200, MAPPER.writeValueAsString(root));
  }

  public static ObjectNode usage(long inputTokens, long outputTokens, long cacheRead,
      long cacheWrite) {
    return MAPPER.createObjectNode().put("input_tokens", inputTokens)
        .put("output_tokens", outputTokens).put("cache_read_input_tokens", cacheRead)
        .put("cache_creation_input_tokens", cacheWrite);
  }

  /** An Anthropic error body: {@code {"type":"error","error":{"type","message"},"request_id"}}. */
  public static ScriptedReply error(int status, String type, String message) {
    ObjectNode root = MAPPER.createObjectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    root.put("request_id", "req_fake");
    return ScriptedReply.json(status, MAPPER.writeValueAsString(root));
  }
}
