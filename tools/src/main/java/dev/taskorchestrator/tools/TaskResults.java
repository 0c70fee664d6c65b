package dev.taskorchestrator.tools;

import dev.taskorchestrator.orchestrator.Refusal;
import dev.taskorchestrator.orchestrator.SpawnResult;
import dev.taskorchestrator.orchestrator.TaskRecord;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps tasks and spawn results to tool results: structured content plus a readable text. */
final class TaskResults {

  private TaskResults() {}

  static CallToolResult of(SpawnResult r) {
    Map<String, Object> s = r.task() == null ? new LinkedHashMap<>() : structured(r.task());
    if (r.task() == null) {
      s.put("status", TaskRecord.REFUSED);
    }
    s.put("latency_ms", r.latencyMs());
    s.putAll(r.extras());
    if (r.refused()) {
      s.put("error", refusal(r.refusal()));
    }
    boolean error = r.refused() || (r.task() != null && isFailure(r.task().status()));
    return CallToolResult.builder().structuredContent(s).addTextContent(text(r.task(), r.refusal()))
        .isError(error).build();
  }

  static CallToolResult of(TaskRecord t) {
    return CallToolResult.builder().structuredContent(structured(t)).addTextContent(text(t, null)).build();
  }

  static Map<String, Object> structured(TaskRecord t) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("task_id", t.id());
    s.put("status", t.status());
    s.put("archetype", t.archetype());
    s.put("output", t.output() == null ? "" : t.output());
    if (t.structuredOutput() != null) {
      s.put("structured_output", t.structuredOutput());
    }
    putIfNotNull(s, "provider", t.provider());
    putIfNotNull(s, "model", t.model());
    s.put("usage", Map.of("input_tokens", t.usage().inputTokens(), "output_tokens", t.usage().outputTokens(),
        "cached_input_tokens", t.usage().cachedInputTokens(), "cache_write_tokens", t.usage().cacheWriteTokens()));
    s.put("cost_usd", t.costUsd().stripTrailingZeros());
    s.put("steps", t.steps());
    s.put("tool_calls", t.toolCalls());
    putIfNotNull(s, "stop_reason", t.stopReason());
    putIfNotNull(s, "error_class", t.errorClass());
    putIfNotNull(s, "parent_task_id", t.parentId());
    putIfNotNull(s, "session_id", t.sessionId());
    s.put("started_at", t.startedAt().toString());
    putIfNotNull(s, "ended_at", t.endedAt() == null ? null : t.endedAt().toString());
    return s;
  }

  private static Map<String, Object> refusal(Refusal r) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", r.code());
    e.put("message", r.message());
    e.putAll(r.details());
    return e;
  }

  static boolean isFailure(String status) {
    return !status.equals("completed") && !status.equals(TaskRecord.RUNNING);
  }

  private static String text(TaskRecord t, Refusal refusal) {
    if (t == null) {
      return "refused (" + refusal.code() + "): " + refusal.message();
    }
    StringBuilder b = new StringBuilder();
    b.append(t.archetype()).append(' ').append(t.id()).append(": ").append(t.status());
    if (t.provider() != null) {
      b.append(" on ").append(t.provider()).append('/').append(t.model());
    }
    if (t.steps() > 0) {
      b.append(", ").append(t.steps()).append(t.steps() == 1 ? " step" : " steps").append(", ")
          .append(t.usage().inputTokens() + t.usage().outputTokens()).append(" tokens");
    }
    if (t.running()) {
      b.append(" (poll get_task with this task_id for the result)");
    } else if (!"completed".equals(t.status()) && t.stopReason() != null) {
      b.append("\nreason: ").append(t.stopReason());
    }
    if (t.output() != null && !t.output().isBlank()) {
      b.append("\n\n").append(t.output());
    }
    return b.toString();
  }

  private static void putIfNotNull(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
