package dev.taskorchestrator.tools;

import dev.taskorchestrator.resilience.BreakerStatus;
import dev.taskorchestrator.resilience.ResilienceRegistry;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code circuit_status}: every circuit breaker (providers and downstream tools) and why it is as it is. */
final class CircuitTools {

  private final ToolCalls calls;

  CircuitTools(ToolCalls calls) {
    this.calls = calls;
  }

  McpServerFeatures.SyncToolSpecification specification() {
    Map<String, Object> out = Schemas.object(Map.of("breakers", Map.of("type", "array", "items",
        Map.of("type", "object"))), List.of("breakers"));
    out.remove("additionalProperties");
    McpSchema.Tool tool = McpSchema.Tool.builder("circuit_status", Schemas.object(
            Map.of("name", Schemas.string("a provider, a tool (server.tool) or a tool server; default: all")),
            List.of()))
        .title("Circuit breaker status")
        .description("Lists the circuit breakers of model providers and downstream tools: state (closed, open, "
            + "half_open), failure rate and calls in the window, the last error and when an open circuit will "
            + "let a probe through. An open circuit means calls are refused at once instead of waiting on a "
            + "failing service.")
        .outputSchema(out)
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(false).build())
        .build();
    return calls.guarded(tool, (exchange, request) -> status(Arguments.of(request).optionalString("name")));
  }

  private CallToolResult status(String filter) {
    ResilienceRegistry breakers = calls.backend().orchestrator().breakers();
    List<BreakerStatus> all = filter == null ? breakers.snapshot() : breakers.snapshot(filter);
    List<Map<String, Object>> rows = all.stream().map(CircuitTools::row).toList();
    StringBuilder text = new StringBuilder(rows.isEmpty()
        ? (filter == null ? "no circuit breakers yet: none has been called" : "no breaker matches " + filter)
        : "");
    for (BreakerStatus b : all) {
      text.append(b.name()).append(" (").append(b.kind().wireName()).append("): ").append(b.state().wireName());
      b.nextHalfOpen().ifPresent(t -> text.append(", probe after ").append(t));
      b.lastErrorClass().ifPresent(c -> text.append(", last error ").append(c.wireName()));
      text.append('\n');
    }
    return CallToolResult.builder().structuredContent(Map.of("breakers", rows)).addTextContent(text.toString().strip())
        .build();
  }

  private static Map<String, Object> row(BreakerStatus b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("kind", b.kind().wireName());
    m.put("state", b.state().wireName());
    m.put("failure_rate", b.failureRate());
    m.put("calls_in_window", b.callsInWindow());
    m.put("failed_calls_in_window", b.failedCallsInWindow());
    m.put("consecutive_failures", b.consecutiveFailures());
    b.lastErrorClass().ifPresent(c -> m.put("last_error_class", c.wireName()));
    b.lastMessage().ifPresent(msg -> m.put("last_error", msg));
    b.openedAt().ifPresent(t -> m.put("opened_at", t.toString()));
    b.nextHalfOpen().ifPresent(t -> m.put("next_half_open", t.toString()));
    return m;
  }
}
