package dev.taskorchestrator.tools;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.telemetry.Observation;
import dev.taskorchestrator.telemetry.Telemetry;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool handler runs through here: bad arguments become an {@code isError} result the model can
 * act on, and an unexpected failure becomes an {@code isError} result with an incident id (the details
 * go to the server log), never a protocol error or a stack trace. Every result passes the server's redactor
 * before it is traced or returned, so no secret reaches the client. Calls in flight are counted so a stop
 * can wait for them.
 */
public final class ToolCalls {

  private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

  private final InFlight inFlight;
  private final Supplier<Backend> backend;

  /** @param backend blocks until the backend has started; throws when it could not */
  public ToolCalls(InFlight inFlight, Supplier<Backend> backend) {
    this.inFlight = inFlight;
    this.backend = backend;
  }

  /** The backend, once started (waits for it). */
  Backend backend() {
    return backend.get();
  }

  /** A tool whose handler is guarded. */
  public McpServerFeatures.SyncToolSpecification guarded(McpSchema.Tool tool,
      BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, CallToolResult> handler) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(tool.name(), exchange, request, handler))
        .build();
  }

  private CallToolResult call(String name, McpSyncServerExchange exchange, McpSchema.CallToolRequest request,
      BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, CallToolResult> handler) {
    if (!inFlight.enter()) {
      return error("the server is shutting down and takes no new calls; try again after it restarts");
    }
    Telemetry telemetry;
    try {
      telemetry = backend().telemetry();
    } catch (RuntimeException e) {
      inFlight.exit();
      log.error("tool {} refused: the server did not start: {}", name, e.toString());
      return error("the server did not start, so " + name + " cannot run; its log says why");
    }
    Observation root = telemetry.observations().startRoot(name, sessionId(request), null, List.of(name),
        JsonText.write(request.arguments()));
    CallToolResult result;
    try (Scope scope = root.makeCurrent()) {
      result = handler.apply(exchange, request);
    } catch (Arguments.Invalid e) {
      result = error("invalid arguments for " + name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString().substring(0, 8);
      log.error("tool {} failed (incident {}): {}", name, incident, e.toString());
      result = error(name + " failed inside the server (incident " + incident + "); the details are in the server log");
    } finally {
      inFlight.exit();
    }
    return traced(redacted(result, telemetry.redactor()), root, telemetry);
  }

  /** The result with every text content and every string in its structured content redacted. */
  static CallToolResult redacted(CallToolResult result, Redactor redactor) {
    List<McpSchema.Content> content = new ArrayList<>(result.content().size());
    for (McpSchema.Content c : result.content()) {
      content.add(c instanceof McpSchema.TextContent t
          ? new McpSchema.TextContent(t.annotations(), redactor.redact(t.text()), t.meta()) : c);
    }
    return new CallToolResult(content, result.isError(), redactor.redactTree(result.structuredContent()),
        result.meta());
  }

  /** Ends the root span and puts its trace id (and Langfuse URL) into the result. */
  private static CallToolResult traced(CallToolResult result, Observation root, Telemetry telemetry) {
    String traceId = root.traceId();
    Optional<String> url = telemetry.langfuseTraceUrl(traceId);
    root.output(JsonText.write(result.structuredContent() != null ? result.structuredContent() : firstText(result)));
    if (Boolean.TRUE.equals(result.isError())) {
      root.fail(firstText(result));
    }
    root.end();
    if (result.structuredContent() instanceof Map<?, ?> m) {
      Map<String, Object> s = new LinkedHashMap<>();
      m.forEach((k, v) -> s.put(String.valueOf(k), v));
      s.put("trace_id", traceId);
      url.ifPresent(u -> s.put("trace_url", u));
      return CallToolResult.builder().content(result.content()).structuredContent(s).isError(result.isError()).build();
    }
    List<McpSchema.Content> content = new ArrayList<>(result.content());
    content.add(new McpSchema.TextContent("trace_id: " + traceId + url.map(u -> " (" + u + ")").orElse("")));
    return CallToolResult.builder().content(content).isError(result.isError()).build();
  }

  private static String firstText(CallToolResult r) {
    return r.content().stream().filter(c -> c instanceof McpSchema.TextContent)
        .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
  }

  private static String sessionId(McpSchema.CallToolRequest request) {
    Object v = request.arguments() == null ? null : request.arguments().get("session_id");
    return v instanceof String s ? s : null;
  }

  static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
