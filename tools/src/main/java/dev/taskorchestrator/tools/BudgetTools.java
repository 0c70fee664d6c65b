package dev.taskorchestrator.tools;

import dev.taskorchestrator.budget.BudgetException;
import dev.taskorchestrator.budget.BudgetGuard;
import dev.taskorchestrator.budget.CostReport;
import dev.taskorchestrator.budget.Money;
import dev.taskorchestrator.budget.ReportQuery;
import dev.taskorchestrator.budget.Scope;
import dev.taskorchestrator.budget.ScopeState;
import dev.taskorchestrator.orchestrator.BudgetViews;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check_budget}, {@code set_budget} and {@code cost_report}. */
final class BudgetTools {

  private static final List<String> SCOPES = List.of("task", "session", "day", "month", "provider");

  private final ToolCalls calls;

  BudgetTools(ToolCalls calls) {
    this.calls = calls;
  }

  private BudgetGuard budget() {
    return calls.backend().budget();
  }

  List<McpServerFeatures.SyncToolSpecification> specifications() {
    return List.of(calls.guarded(checkTool(), (ex, r) -> check(Arguments.of(r))),
        calls.guarded(setTool(), (ex, r) -> set(Arguments.of(r))),
        calls.guarded(reportTool(), (ex, r) -> report(Arguments.of(r))));
  }

  private static McpSchema.Tool checkTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("scope", Map.of("type", "string", "enum", SCOPES, "description", "one scope; default: all that apply"));
    p.put("id", Schemas.string("the scope's id: a task_id, session_id or provider name (not needed for day, month)"));
    p.put("session_id", Schemas.string("your session; its scope is included"));
    p.put("task_id", Schemas.string("a task; it and its parent tasks are included"));
    return McpSchema.Tool.builder("check_budget", Schemas.object(p, List.of()))
        .title("Check budgets")
        .description("Shows budget scopes: limit, spent, reserved (calls in flight), remaining, percent used and "
            + "state (ok, warning below the threshold, exhausted). Without arguments: today, this month and every "
            + "provider with a limit or spend today. Amounts are USD.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(false).build())
        .build();
  }

  private static McpSchema.Tool setTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("scope", Map.of("type", "string", "enum", SCOPES, "description", "which budget"));
    p.put("id", Schemas.string("task_id, session_id or provider name; ignored for day and month"));
    p.put("limit_usd", Map.of("type", List.of("number", "null"), "minimum", 0,
        "description", "the new limit in USD; null removes the limit"));
    p.put("warn_below_percent", Schemas.integer("warn when less than this share remains (default 20)", 0, 100));
    return McpSchema.Tool.builder("set_budget", Schemas.object(p, List.of("scope", "limit_usd")))
        .title("Set a budget")
        .description("Sets or removes the spending limit of a scope (task, session, day, month, or a provider's "
            + "daily limit). It is stored and applies from the next model call on.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false)
            .idempotentHint(true).openWorldHint(false).build())
        .build();
  }

  private static McpSchema.Tool reportTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("period", Schemas.string("today (default), month, all, or an ISO-8601 instant to report since"));
    p.put("group_by", Map.of("type", "string", "enum", List.of("task", "session", "archetype", "model", "provider"),
        "description", "how to group the spend (default model)"));
    p.put("top", Schemas.integer("the largest groups to list (default 10)", 1, 1000));
    return McpSchema.Tool.builder("cost_report", Schemas.object(p, List.of()))
        .title("Cost report")
        .description("Where the money went: spend from the ledger over a period, grouped by task, session, "
            + "archetype, model or provider, largest first, with calls and tokens.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(false).build())
        .build();
  }

  private CallToolResult check(Arguments a) {
    String scope = a.optionalString("scope");
    List<ScopeState> states = scope == null
        ? budget().states(a.optionalString("session_id"), a.optionalString("task_id"))
        : List.of(budget().state(scope(scope), idFor(scope, a.optionalString("id"))));
    StringBuilder text = new StringBuilder();
    states.forEach(s -> text.append(s.isLimited() ? BudgetViews.describe(s)
        : s.scope().wireName() + " " + s.id() + ": " + s.spent() + " spent, no limit").append('\n'));
    return CallToolResult.builder().structuredContent(Map.of("scopes", BudgetViews.scopes(states)))
        .addTextContent(text.isEmpty() ? "no budget scopes yet" : text.toString().strip()).build();
  }

  private CallToolResult set(Arguments a) {
    String scope = a.requiredString("scope");
    java.math.BigDecimal limit = a.optionalDecimal("limit_usd");
    Integer warn = a.optionalInt("warn_below_percent", 0, 100);
    try {
      ScopeState s = budget().setLimit(scope(scope), idFor(scope, a.optionalString("id")),
          limit == null ? null : Money.usd(limit), warn == null ? 20 : warn);
      return CallToolResult.builder().structuredContent(BudgetViews.scope(s))
          .addTextContent(limit == null ? scope + " limit removed" : "set: " + BudgetViews.describe(s)).build();
    } catch (BudgetException | IllegalArgumentException e) {
      throw new Arguments.Invalid(e.getMessage());
    }
  }

  private CallToolResult report(Arguments a) {
    String groupBy = a.optionalString("group_by");
    Integer top = a.optionalInt("top", 1, 1000);
    CostReport r = budget().report(new ReportQuery(period(a.optionalString("period")),
        groupBy == null ? ReportQuery.GroupBy.MODEL : ReportQuery.GroupBy.fromWireName(groupBy), top == null ? 10 : top));
    List<Map<String, Object>> rows = r.rows().stream().map(row -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", row.key());
      m.put("calls", row.calls());
      m.put("input_tokens", row.tokens().totalInput());
      m.put("output_tokens", row.tokens().output());
      m.put("cost_usd", BudgetViews.usd(row.cost()));
      return m;
    }).toList();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("from", r.from() == null ? null : r.from().toString());
    s.put("to", r.to().toString());
    s.put("group_by", r.groupBy().name().toLowerCase(java.util.Locale.ROOT));
    s.put("rows", rows);
    s.put("calls", r.calls());
    s.put("total_usd", BudgetViews.usd(r.total()));
    StringBuilder text = new StringBuilder("spend " + r.total() + " over " + r.calls() + " calls");
    r.rows().forEach(row -> text.append("\n  ").append(row.key()).append(": ").append(row.cost())
        .append(" (").append(row.calls()).append(" calls)"));
    return CallToolResult.builder().structuredContent(s).addTextContent(text.toString()).build();
  }

  private static Scope scope(String name) {
    try {
      return Scope.fromWireName(name);
    } catch (IllegalArgumentException e) {
      throw new Arguments.Invalid(e.getMessage());
    }
  }

  private static String idFor(String scope, String id) {
    if ((scope.equals("day") || scope.equals("month"))) {
      return id == null ? "" : id;
    }
    if (id == null || id.isBlank()) {
      throw new Arguments.Invalid("'id' is required for the " + scope + " scope (a " + (scope.equals("provider")
          ? "provider name" : scope + " id") + ")");
    }
    return id;
  }

  private static ReportQuery.Period period(String p) {
    if (p == null || p.equals("today")) {
      return new ReportQuery.Period.Today();
    }
    return switch (p) {
      case "month" -> new ReportQuery.Period.ThisMonth();
      case "all" -> new ReportQuery.Period.All();
      default -> {
        try {
          yield new ReportQuery.Period.Since(Instant.parse(p));
        } catch (DateTimeParseException e) {
          throw new Arguments.Invalid("'period' must be today, month, all or an ISO-8601 instant such as "
              + "2026-11-01T00:00:00Z");
        }
      }
    };
  }
}
