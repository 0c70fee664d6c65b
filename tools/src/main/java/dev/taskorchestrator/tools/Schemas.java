package dev.taskorchestrator.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON Schemas of our tools (they are user interface: keep them exact). */
final class Schemas {

  private Schemas() {}

  static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", properties);
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
    return s;
  }

  static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  static Map<String, Object> integer(String description, int min, int max) {
    return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
  }

  static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  /** The result shape shared by spawn_archetype_agent, get_task and cancel_task. */
  static Map<String, Object> taskResult() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("task_id", Map.of("type", "string"));
    p.put("status", Map.of("type", "string", "description",
        "running, completed, failed, cancelled, max_steps, refused, interrupted or budget_exhausted"));
    p.put("archetype", Map.of("type", "string"));
    p.put("output", Map.of("type", "string", "description", "the agent's final answer (or partial output)"));
    p.put("structured_output", Map.of("description", "the parsed answer when the archetype has an output schema"));
    p.put("provider", Map.of("type", "string"));
    p.put("model", Map.of("type", "string"));
    p.put("usage", Map.of("type", "object"));
    p.put("latency_ms", Map.of("type", "integer"));
    p.put("steps", Map.of("type", "integer"));
    p.put("cost_usd", Map.of("type", "number", "description", "what this task's model calls cost, in USD"));
    p.put("budget", Map.of("type", "array", "items", Map.of("type", "object"),
        "description", "the budget scopes this task spends from: limit, spent, reserved, remaining, state"));
    p.put("warning", Map.of("type", "string", "description", "set when a budget scope is low or used up"));
    p.put("tool_calls", Map.of("type", "array", "items", Map.of("type", "object")));
    p.put("stop_reason", Map.of("type", "string"));
    p.put("error_class", Map.of("type", "string"));
    p.put("error", Map.of("type", "object", "description", "why the router refused: code, message, details"));
    p.put("trace_id", Map.of("type", "string", "description", "the OpenTelemetry / Langfuse trace of this call"));
    p.put("trace_url", Map.of("type", "string", "description", "the trace in Langfuse, when Langfuse is configured"));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "object");
    s.put("properties", p);
    s.put("required", List.of("status"));
    return s;
  }
}
