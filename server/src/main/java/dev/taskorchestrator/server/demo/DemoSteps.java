package dev.taskorchestrator.server.demo;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintStream;
import java.util.Map;

/** The demo's calls, each printed as it is made and answered. */
final class DemoSteps {

  private final McpSyncClient client;
  private final PrintStream out;

  DemoSteps(McpSyncClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  void start() {
    McpSchema.InitializeResult init = client.initialize();
    var tools = client.listTools().tools();
    out.println("1. Started 'task-orchestrator serve' over stdio: " + init.serverInfo().name() + " "
        + init.serverInfo().version() + ", protocol " + init.protocolVersion() + ", " + tools.size() + " tools.");
  }

  /** Spawns a researcher; returns its trace id, or null when it did not complete. */
  String spawn(String task) {
    out.println("2. spawn_archetype_agent { archetype: researcher, task: \"" + task + "\", budget_usd: 0.05 }");
    McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("spawn_archetype_agent")
        .arguments(Map.of("archetype", "researcher", "task", task, "budget_usd", 0.05)).build());
    Map<String, Object> s = Demo.structured(r);
    if (Boolean.TRUE.equals(r.isError()) || !"completed".equals(s.get("status"))) {
      out.println("   -> not completed: " + text(r));
      return null;
    }
    Map<?, ?> usage = s.get("usage") instanceof Map<?, ?> u ? u : Map.of();
    out.println("   -> " + s.get("status") + " by provider " + s.get("provider") + ", model " + s.get("model")
        + ", in " + s.get("latency_ms") + " ms; " + usage.get("input_tokens") + " tokens in, "
        + usage.get("output_tokens") + " out; cost $" + plain(s.get("cost_usd")) + "; " + s.get("task_id"));
    out.println("      output: " + s.get("output"));
    out.println("      trace id: " + s.get("trace_id"));
    return s.get("trace_id") instanceof String id ? id : null;
  }

  void budget() {
    McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("check_budget")
        .arguments(Map.of()).build());
    out.println("3. check_budget {} ->");
    text(r).lines().filter(l -> !l.isBlank() && !l.startsWith("{")).forEach(l -> out.println("     " + l));
    out.println();
  }

  private static String plain(Object amount) {
    return amount instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : String.valueOf(amount);
  }

  private static String text(McpSchema.CallToolResult r) {
    return r.content().stream().filter(c -> c instanceof McpSchema.TextContent)
        .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse(String.valueOf(r.structuredContent()));
  }
}
