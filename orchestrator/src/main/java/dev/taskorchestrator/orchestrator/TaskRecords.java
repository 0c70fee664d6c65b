package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.AgentOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the ended form of a task record from how its run ended. */
final class TaskRecords {

  private TaskRecords() {}

  static TaskRecord finished(TaskRecord t, AgentOutcome o, java.math.BigDecimal costUsd, Instant now) {
    var usage = new TaskRecord.Usage(o.usage().inputTokens(), o.usage().outputTokens(),
        o.usage().cachedInputTokens(), o.usage().cacheWriteTokens());
    List<Map<String, Object>> calls = o.toolCalls().stream().map(TaskRecords::toolCall).toList();
    return new TaskRecord(t.id(), t.parentId(), t.sessionId(), t.archetype(), o.status(), t.task(), t.context(),
        o.output(), o.structuredOutput(), o.provider(), o.model(), usage, costUsd, o.steps(), calls, o.stopReason(),
        o.errorClass() == null ? null : o.errorClass().wireName(), t.startedAt(), now);
  }

  static TaskRecord refused(TaskRecord t, Refusal r, Instant now) {
    return new TaskRecord(t.id(), t.parentId(), t.sessionId(), t.archetype(), TaskRecord.REFUSED, t.task(),
        t.context(), "", null, null, null, TaskRecord.Usage.NONE, null, 0, List.of(), r.code() + ": " + r.message(),
        null, t.startedAt(), now);
  }

  private static Map<String, Object> toolCall(AgentOutcome.ToolCallRecord c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("ok", c.ok());
    if (c.error() != null) {
      m.put("error", c.error());
    }
    return m;
  }
}
