package dev.taskorchestrator.tools;

import dev.taskorchestrator.telemetry.TraceInspection;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/** {@code inspect_trace}: reads a past call's trace back from Langfuse and summarises it. */
final class TraceTools {

  private final ToolCalls calls;

  TraceTools(ToolCalls calls) {
    this.calls = calls;
  }

  McpServerFeatures.SyncToolSpecification specification() {
    McpSchema.Tool tool = McpSchema.Tool.builder("inspect_trace", Schemas.object(
            Map.of("trace_id", Schemas.string("the trace_id a tool result carried (32 hex characters)")),
            List.of("trace_id")))
        .title("Inspect a trace")
        .description("Fetches a past call's trace from Langfuse and summarises it: every span (router checks, "
            + "agent, model calls, tool calls) with latency, model, tokens, cost and errors. Needs Langfuse "
            + "configured (LANGFUSE_PUBLIC_KEY / LANGFUSE_SECRET_KEY); traces can take a little while to appear.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(true).build())
        .build();
    return calls.guarded(tool, (exchange, request) -> inspect(Arguments.of(request).requiredString("trace_id")));
  }

  private CallToolResult inspect(String traceId) {
    if (!traceId.matches("[0-9a-f]{32}")) {
      throw new Arguments.Invalid("'trace_id' must be 32 lower-case hex characters, as in a tool result's trace_id");
    }
    TraceInspection inspection = calls.backend().telemetry().inspector().inspect(traceId);
    boolean error = !(inspection instanceof TraceInspection.Found);
    return CallToolResult.builder().addTextContent(inspection.describe()).isError(error).build();
  }
}
