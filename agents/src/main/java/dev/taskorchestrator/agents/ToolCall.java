package dev.taskorchestrator.agents;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call the model asked for.
 *
 * @param id the provider's call id, echoed in {@link ToolResultMessage#toolCallId()}
 * @param name the caller-side tool name ({@code server.tool}), already mapped back from the wire
 * @param arguments the parsed JSON arguments (values are JSON-like: maps, lists, strings, numbers,
 *     booleans, nulls)
 */
public record ToolCall(String id, String name, Map<String, Object> arguments) {
  public ToolCall {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    // JSON arguments may hold nulls, which Map.copyOf refuses.
    arguments = Collections.unmodifiableMap(
        new LinkedHashMap<>(requireNonNull(arguments, "arguments is null")));
  }
}
