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

/** The Chat Completions wire shapes: request encoding and response decoding. */
final class OpenAiWire {
  private OpenAiWire() {}

  static ObjectNode requestBody(ModelRequest request, String model, String maxTokensField,
      ToolNameMapping names) {
    ObjectNode body = ProviderJson.MAPPER.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!request.systemPrompt().isEmpty()) {
      messages.addObject().put("role", "system").put("content", request.systemPrompt());
    }
    for (Message message : request.messages()) {
      messages.add(encode(message, names));
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", names.wireName(tool.name()))
            .put("description", tool.description())
            .set("parameters", ProviderJson.MAPPER.valueToTree(tool.inputSchema()));
      }
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    body.put(maxTokensField, request.maxTokens());
    if (request.responseSchema() != null) {
      ObjectNode schema = body.putObject("response_format").put("type", "json_schema")
          .putObject("json_schema");
      schema.put("name", "response").put("strict", false)
          .set("schema", ProviderJson.MAPPER.valueToTree(request.responseSchema()));
    }
    return body;
  }

  private static ObjectNode encode(Message message, ToolNameMapping names) {
    ObjectNode node = ProviderJson.MAPPER.createObjectNode();
    switch (message) {
      case UserMessage u -> node.put("role", "user").put("content", u.text());
      case AssistantMessage a -> {
        node.put("role", "assistant");
        if (a.text().isEmpty() && !a.toolCalls().isEmpty()) {
          node.putNull("content");
        } else {
          node.put("content", a.text());
        }
        if (!a.toolCalls().isEmpty()) {
          ArrayNode calls = node.putArray("tool_calls");
          for (ToolCall call : a.toolCalls()) {
            calls.addObject().put("id", call.id()).put("type", "function")
                .putObject("function").put("name", names.wireName(call.name()))
                .put("arguments", ProviderJson.write(call.arguments()));
          }
        }
      }
      case ToolResultMessage r -> node.put("role", "tool").put("tool_call_id", r.toolCallId())
          .put("content", r.isError() ? "ERROR: " + r.content() : r.content());
    }
    return node;
  }

  static ModelResponse response(JsonNode root, String provider, String model,
      ProviderHttp.Reply reply, ToolNameMapping names, ProviderErrors errors)
      throws ProviderException {
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw errors.malformed(reply.status(), "no choices");
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw errors.malformed(reply.status(), "the first choice has no message");
    }
    String finish = ProviderJson.text(choice.path("finish_reason"));
    String refusal = ProviderJson.text(message.path("refusal"));
    if (!refusal.isEmpty()) {
      throw errors.content(reply.status(), "the model refused: " + refusal);
    }
    if (finish.equals("content_filter")) {
      throw errors.content(reply.status(), "the answer was stopped by the content filter");
    }
    String text = text(message.path("content"));
    List<ToolCall> calls = toolCalls(message.path("tool_calls"), names, reply.status(), errors);
    if (text.isBlank() && calls.isEmpty()) {
      throw errors.content(reply.status(), finish.equals("length")
          ? "empty output: the output limit was reached before any answer"
          : "empty output (finish_reason " + (finish.isEmpty() ? "missing" : finish) + ")");
    }
    String answeredBy = ProviderJson.text(root.path("model"));
    return new ModelResponse(provider, answeredBy.isEmpty() ? model : answeredBy, text, calls,
        usage(root.path("usage")), reply.latency(), finishReason(finish, !calls.isEmpty()));
  }

  /** {@code content} is a string, null, or (some gateways) an array of text parts. */
  private static String text(JsonNode content) {
    if (content.isArray()) {
      StringBuilder out = new StringBuilder();
      content.forEach(part -> out.append(ProviderJson.text(part.path("text"))));
      return out.toString();
    }
    return ProviderJson.text(content);
  }

  private static List<ToolCall> toolCalls(JsonNode array, ToolNameMapping names, int status,
      ProviderErrors errors) throws ProviderException {
    List<ToolCall> calls = new ArrayList<>();
    if (!array.isArray()) {
      return calls;
    }
    for (JsonNode call : array) {
      JsonNode function = call.path("function");
      String wireName = ProviderJson.text(function.path("name"));
      if (wireName.isEmpty()) {
        throw errors.malformed(status, "a tool call has no function name");
      }
      String id = ProviderJson.text(call.path("id"));
      calls.add(new ToolCall(id.isEmpty() ? "call_" + calls.size() : id,
          names.originalName(wireName), arguments(function.path("arguments"), wireName, status,
          errors)));
    }
    return calls;
  }

  /** Arguments are a JSON text per the spec; some servers send the object itself. */
  private static Map<String, Object> arguments(JsonNode node, String tool, int status,
      ProviderErrors errors) throws ProviderException {
    if (node.isObject()) {
      return ProviderJson.toMap(node);
    }
    String text = ProviderJson.text(node);
    if (text.isBlank()) {
      return Map.of();
    }
    Map<String, Object> parsed = ProviderJson.objectOrNull(text);
    if (parsed == null) {
      throw errors.content(status, "the model called " + tool
          + " with arguments that are not a JSON object");
    }
    return parsed;
  }

  static ModelUsage usage(JsonNode usage) {
    Map<String, Long> raw = new LinkedHashMap<>();
    collect(raw, "", usage);
    JsonNode details = usage.path("prompt_tokens_details");
    return new ModelUsage(ProviderJson.number(usage.path("prompt_tokens")),
        ProviderJson.number(usage.path("completion_tokens")),
        ProviderJson.number(details.path("cached_tokens")),
        ProviderJson.number(details.path("cache_write_tokens")), raw);
  }

  /** Flattens the numeric leaves of a usage object ({@code prompt_tokens_details.cached_tokens}). */
  static void collect(Map<String, Long> raw, String prefix, JsonNode node) {
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isIntegralNumber()) {
        raw.put(prefix + e.getKey(), e.getValue().asLong());
      } else if (e.getValue().isObject()) {
        collect(raw, prefix + e.getKey() + ".", e.getValue());
      }
    }
  }

  private static FinishReason finishReason(String finish, boolean hasToolCalls) {
    FinishReason reason = switch (finish) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      default -> FinishReason.OTHER;
    };
    // Ollama and some gateways answer tool calls with finish_reason "stop".
    return hasToolCalls && reason != FinishReason.LENGTH ? FinishReason.TOOL_CALLS : reason;
  }
}
