package dev.taskorchestrator.agents.internal;

import dev.taskorchestrator.agents.AssistantMessage;
import dev.taskorchestrator.agents.FinishReason;
import dev.taskorchestrator.agents.Message;
import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ModelResponse;
import dev.taskorchestrator.agents.ModelUsage;
import dev.taskorchestrator.agents.ProviderException;
import dev.taskorchestrator.agents.ToolCall;
import dev.taskorchestrator.agents.ToolDefinition;
import dev.taskorchestrator.agents.ToolResultMessage;
import dev.taskorchestrator.agents.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Messages wire shapes: request encoding and response decoding. */
final class AnthropicWire {
  private AnthropicWire() {}

  static ObjectNode requestBody(ModelRequest request, String model, ToolNameMapping names) {
    ObjectNode body = ProviderJson.MAPPER.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", request.maxTokens());
    String system = system(request);
    if (!system.isEmpty()) {
      body.put("system", system);
    }
    body.set("messages", messages(request, names));
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        tools.addObject().put("name", names.wireName(tool.name()))
            .put("description", tool.description())
            .set("input_schema", ProviderJson.MAPPER.valueToTree(tool.inputSchema()));
      }
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    return body;
  }

  /** The 2023-06-01 API has no schema-constrained output, so the schema becomes an instruction. */
  private static String system(ModelRequest request) {
    if (request.responseSchema() == null) {
      return request.systemPrompt();
    }
    String instruction = "Answer with a single JSON value, and nothing else, that follows this "
        + "JSON schema:\n" + ProviderJson.write(request.responseSchema());
    return request.systemPrompt().isEmpty() ? instruction
        : request.systemPrompt() + "\n\n" + instruction;
  }

  /**
   * Messages alternate user / assistant; consecutive turns of one role (several tool results, a
   * tool result followed by user text) are merged into one message's content blocks.
   */
  private static ArrayNode messages(ModelRequest request, ToolNameMapping names) {
    ArrayNode messages = ProviderJson.MAPPER.createArrayNode();
    String lastRole = "";
    ArrayNode blocks = null;
    for (Message message : request.messages()) {
      String role = message instanceof AssistantMessage ? "assistant" : "user";
      ArrayNode content = blocks(message, names);
      if (content.isEmpty()) {
        continue;
      }
      if (!role.equals(lastRole)) {
        blocks = messages.addObject().put("role", role).putArray("content");
        lastRole = role;
      }
      blocks.addAll(content);
    }
    return messages;
  }

  private static ArrayNode blocks(Message message, ToolNameMapping names) {
    ArrayNode blocks = ProviderJson.MAPPER.createArrayNode();
    switch (message) {
      case UserMessage u -> blocks.addObject().put("type", "text").put("text", u.text());
      case AssistantMessage a -> {
        if (!a.text().isBlank()) {
          blocks.addObject().put("type", "text").put("text", a.text());
        }
        for (ToolCall call : a.toolCalls()) {
          blocks.addObject().put("type", "tool_use").put("id", call.id())
              .put("name", names.wireName(call.name()))
              .set("input", ProviderJson.MAPPER.valueToTree(call.arguments()));
        }
      }
      case ToolResultMessage r -> blocks.addObject().put("type", "tool_result")
          .put("tool_use_id", r.toolCallId()).put("content", r.content())
          .put("is_error", r.isError());
    }
    return blocks;
  }

  static ModelResponse response(JsonNode root, String provider, String model,
      ProviderHttp.Reply reply, ToolNameMapping names, ProviderErrors errors)
      throws ProviderException {
    JsonNode content = root.path("content");
    if (!content.isArray()) {
      throw errors.malformed(reply.status(), "no content array");
    }
    String stop = ProviderJson.text(root.path("stop_reason"));
    if (stop.equals("refusal")) {
      throw errors.content(reply.status(), "the model refused to answer (stop_reason refusal)");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      switch (ProviderJson.text(block.path("type"))) {
        case "text" -> text.append(ProviderJson.text(block.path("text")));
        case "tool_use" -> calls.add(toolCall(block, names, reply.status(), errors));
        default -> { } // thinking, redacted_thinking, server tool blocks: not part of the answer
      }
    }
    if (text.toString().isBlank() && calls.isEmpty()) {
      throw errors.content(reply.status(), stop.equals("max_tokens")
          ? "empty output: the output limit was reached before any answer"
          : "empty output (stop_reason " + (stop.isEmpty() ? "missing" : stop) + ")");
    }
    String answeredBy = ProviderJson.text(root.path("model"));
    return new ModelResponse(provider, answeredBy.isEmpty() ? model : answeredBy,
        text.toString(), calls, usage(root.path("usage")), reply.latency(), finishReason(stop));
  }

  private static ToolCall toolCall(JsonNode block, ToolNameMapping names, int status,
      ProviderErrors errors) throws ProviderException {
    String id = ProviderJson.text(block.path("id"));
    String wireName = ProviderJson.text(block.path("name"));
    if (id.isEmpty() || wireName.isEmpty()) {
      throw errors.malformed(status, "a tool_use block lacks its id or name");
    }
    JsonNode input = block.path("input");
    if (!input.isObject() && !input.isMissingNode() && !input.isNull()) {
      throw errors.content(status, "the model called " + wireName
          + " with input that is not a JSON object");
    }
    Map<String, Object> arguments = input.isObject() ? ProviderJson.toMap(input) : Map.of();
    return new ToolCall(id, names.originalName(wireName), arguments);
  }

  /** Anthropic's {@code input_tokens} excludes cache reads and writes; ours includes them. */
  static ModelUsage usage(JsonNode usage) {
    Map<String, Long> raw = new LinkedHashMap<>();
    OpenAiWire.collect(raw, "", usage);
    long uncached = ProviderJson.number(usage.path("input_tokens"));
    long read = ProviderJson.number(usage.path("cache_read_input_tokens"));
    long write = ProviderJson.number(usage.path("cache_creation_input_tokens"));
    return new ModelUsage(uncached + read + write, ProviderJson.number(usage.path("output_tokens")),
        read, write, raw);
  }

  private static FinishReason finishReason(String stop) {
    return switch (stop) {
      case "end_turn", "stop_sequence" -> FinishReason.STOP;
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      default -> FinishReason.OTHER;
    };
  }
}
