package dev.taskorchestrator.tools;

import dev.taskorchestrator.patterns.CorrectiveAction;
import dev.taskorchestrator.patterns.Pattern;
import dev.taskorchestrator.patterns.PatternDraft;
import dev.taskorchestrator.patterns.PatternQuery;
import dev.taskorchestrator.patterns.PatternStore;
import dev.taskorchestrator.patterns.PatternUpdate;
import dev.taskorchestrator.patterns.Visibility;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code query_patterns}, {@code record_pattern}, {@code update_pattern} and the {@code patterns://{id}} resources. */
final class PatternTools {

  private static final List<String> ACTIONS = List.of("instruction", "substitute_tool", "avoid_provider", "block");
  private static final String TARGET_HELP = "provider:NAME/MODEL, tool:SERVER.TOOL or archetype:NAME";

  private final ToolCalls calls;

  PatternTools(ToolCalls calls) {
    this.calls = calls;
  }

  private PatternStore store() {
    return calls.backend().patterns();
  }

  List<McpServerFeatures.SyncToolSpecification> specifications() {
    return List.of(calls.guarded(queryTool(), (ex, r) -> query(Arguments.of(r))),
        calls.guarded(recordTool(), (ex, r) -> record(Arguments.of(r))),
        calls.guarded(updateTool(), (ex, r) -> update(Arguments.of(r))));
  }

  McpServerFeatures.SyncResourceTemplateSpecification resource() {
    return new McpServerFeatures.SyncResourceTemplateSpecification(
        McpSchema.ResourceTemplate.builder("patterns://{id}", "pattern")
            .description("A learned failure pattern: its target, error class, advice, confidence and counts")
            .mimeType("application/json").build(),
        (exchange, request) -> {
          String id = request.uri().substring("patterns://".length());
          Pattern p = store().find(id).orElseThrow(() -> io.modelcontextprotocol.spec.McpError.builder(
              McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message("no pattern " + id).build());
          return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(request.uri(),
              "application/json", JsonText.write(view(p)))));
        });
  }

  private static McpSchema.Tool queryTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("query", Schemas.string("words to search in error messages, targets and advice"));
    p.put("target", Schemas.string(TARGET_HELP));
    p.put("error_class", Schemas.string("network, timeout, rate_limit, overloaded, server, auth, invalid_request or content"));
    p.put("min_confidence", Map.of("type", "number", "minimum", 0, "maximum", 1, "description", "default 0"));
    p.put("include_disabled", Schemas.bool("also list disabled patterns"));
    p.put("limit", Schemas.integer("most patterns to return (default 20)", 1, PatternQuery.MAX_LIMIT));
    return McpSchema.Tool.builder("query_patterns", Schemas.object(p, List.of()))
        .title("Query failure patterns")
        .description("Searches the failure patterns the orchestrator has learned (or was taught): each with its "
            + "target, error class, normalised message, corrective action, confidence, occurrences, outcomes and "
            + "provenance. Patterns are applied automatically before matching spawns.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true)
            .openWorldHint(false).build())
        .build();
  }

  private static McpSchema.Tool recordTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("target", Schemas.string(TARGET_HELP));
    p.put("error_text", Schemas.string("the error as seen (ids and numbers are normalised; secrets are removed)"));
    p.put("error_class", Schemas.string("the failure's class (default server)"));
    p.put("action", Map.of("type", "string", "enum", ACTIONS, "description",
        "instruction: advice text; substitute_tool: use 'substitute' instead of the target tool; "
            + "avoid_provider: try the target provider last; block: refuse matching spawns"));
    p.put("advice", Schemas.string("for instruction and block: the advice or reason"));
    p.put("substitute", Schemas.string("for substitute_tool: the tool to use instead (server.tool)"));
    p.put("confidence", Map.of("type", "number", "minimum", 0, "maximum", 1, "description", "default 0.7"));
    p.put("shared", Schemas.bool("share it through federation (default private)"));
    return McpSchema.Tool.builder("record_pattern", Schemas.object(p, List.of("target", "error_text", "action")))
        .title("Teach a failure pattern")
        .description("Teaches the orchestrator how to avoid a failure: when a spawn's archetype, providers, tools or "
            + "task text match, the corrective action is applied before the agent runs. Returns the pattern.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false)
            .idempotentHint(true).openWorldHint(false).build())
        .build();
  }

  private static McpSchema.Tool updateTool() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", Schemas.string("the pattern's id"));
    p.put("enabled", Schemas.bool("false disables it, true enables it"));
    p.put("advice", Schemas.string("new advice text (instruction or block patterns)"));
    p.put("delete", Schemas.bool("true deletes the pattern"));
    return McpSchema.Tool.builder("update_pattern", Schemas.object(p, List.of("id")))
        .title("Change a failure pattern")
        .description("Enables, disables, edits the advice of, or deletes a learned pattern.")
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(true)
            .idempotentHint(true).openWorldHint(false).build())
        .build();
  }

  private CallToolResult query(Arguments a) {
    Double min = a.optionalNumber("min_confidence");
    Integer limit = a.optionalInt("limit", 1, PatternQuery.MAX_LIMIT);
    List<Pattern> found = store().query(new PatternQuery(Optional.ofNullable(a.optionalString("query")),
        Optional.ofNullable(a.optionalString("target")), Optional.ofNullable(a.optionalString("error_class")),
        min == null ? 0 : min, a.optionalBoolean("include_disabled"), limit == null ? PatternQuery.DEFAULT_LIMIT : limit));
    StringBuilder text = new StringBuilder(found.isEmpty() ? "no patterns match" : found.size() + " pattern(s)");
    found.forEach(p -> text.append("\n").append(p.id()).append(" ").append(p.target()).append(" ")
        .append(p.errorClass()).append(" -> ").append(p.action().kind()).append(": ").append(p.advice())
        .append(String.format(" (confidence %.2f, seen %d×)", p.effectiveConfidence(), p.occurrences())));
    return CallToolResult.builder().structuredContent(Map.of("patterns", found.stream().map(PatternTools::view).toList()))
        .addTextContent(text.toString()).build();
  }

  private CallToolResult record(Arguments a) {
    String action = a.requiredString("action");
    CorrectiveAction act = switch (action) {
      case "instruction" -> new CorrectiveAction.Instruction(a.requiredString("advice"));
      case "block" -> new CorrectiveAction.Block(a.requiredString("advice"));
      case "substitute_tool" -> new CorrectiveAction.SubstituteTool(toolOf(a.requiredString("target")),
          a.requiredString("substitute"));
      case "avoid_provider" -> new CorrectiveAction.AvoidProvider(a.requiredString("target"));
      default -> throw new Arguments.Invalid("'action' must be one of " + ACTIONS);
    };
    Double confidence = a.optionalNumber("confidence");
    String errorClass = a.optionalString("error_class");
    try {
      Pattern p = store().record(new PatternDraft(a.requiredString("target"), errorClass == null ? "server" : errorClass,
          a.requiredString("error_text"), act, confidence == null ? PatternDraft.DEFAULT_CONFIDENCE : confidence,
          a.optionalBoolean("shared") ? Visibility.SHARED : Visibility.PRIVATE));
      return CallToolResult.builder().structuredContent(view(p)).addTextContent("recorded pattern " + p.id()).build();
    } catch (IllegalArgumentException e) {
      throw new Arguments.Invalid(e.getMessage());
    }
  }

  private CallToolResult update(Arguments a) {
    String id = a.requiredString("id");
    if (a.optionalBoolean("delete")) {
      return store().delete(id) ? CallToolResult.builder().addTextContent("deleted pattern " + id).build()
          : ToolCalls.error("no pattern " + id);
    }
    Boolean enabled = a.optionalBooleanOrNull("enabled");
    String advice = a.optionalString("advice");
    if (enabled == null && advice == null) {
      throw new Arguments.Invalid("give enabled, advice or delete");
    }
    try {
      return store().update(id, new PatternUpdate(Optional.ofNullable(enabled), Optional.ofNullable(advice),
              Optional.empty(), Optional.empty()))
          .map(p -> CallToolResult.builder().structuredContent(view(p)).addTextContent("updated pattern " + id).build())
          .orElseGet(() -> ToolCalls.error("no pattern " + id));
    } catch (IllegalArgumentException e) {
      throw new Arguments.Invalid(e.getMessage());
    }
  }

  private static String toolOf(String target) {
    return target.startsWith("tool:") ? target.substring(5) : target;
  }

  static Map<String, Object> view(Pattern p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("target", p.target());
    m.put("error_class", p.errorClass());
    m.put("message", p.message());
    m.put("example", p.example());
    m.put("action", p.action().kind());
    m.put("advice", p.advice());
    if (p.action() instanceof CorrectiveAction.SubstituteTool s) {
      m.put("substitute", s.to());
    }
    m.put("confidence", p.effectiveConfidence());
    m.put("occurrences", p.occurrences());
    m.put("first_seen", p.firstSeen().toString());
    m.put("last_seen", p.lastSeen().toString());
    m.put("times_applied", p.timesApplied());
    m.put("successes_after", p.successesAfter());
    m.put("failures_after", p.failuresAfter());
    m.put("provenance", p.provenance());
    m.put("visibility", p.visibility().name().toLowerCase(java.util.Locale.ROOT));
    m.put("enabled", p.enabled());
    return m;
  }
}
