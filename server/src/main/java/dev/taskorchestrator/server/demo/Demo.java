package dev.taskorchestrator.server.demo;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code demo} command: the real server, started as {@code serve} over stdio and driven by the MCP Java
 * SDK client, runs one spawn end to end — budget reservation and settlement, circuit breaker, provider call,
 * traces written to a file — against a model that is either a scripted stand-in on 127.0.0.1 (no API key
 * needed; it says what it is in every answer) or an OpenAI-compatible server the user names. Nothing else
 * leaves the machine: the server's environment is cleared of telemetry and provider settings.
 */
public final class Demo {

  /**
   * @param dir where the configuration, database and traces go (a new temporary directory when null)
   * @param baseUrl an OpenAI-compatible server to use instead of the scripted stand-in, or null
   * @param model that server's model (with {@code baseUrl})
   */
  public record Options(Path dir, String baseUrl, String model) {}

  static final String TASK = "List three questions to ask before adding a cache to a web service.";

  private final PrintStream out;
  private final List<String> serverStderr = new CopyOnWriteArrayList<>();

  public Demo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo; returns the exit status (0 when the spawn completed and its trace was written). */
  public int run(Options options) throws IOException, InterruptedException {
    Path dir = options.dir() != null ? Files.createDirectories(options.dir().toAbsolutePath())
        : Files.createTempDirectory("task-orchestrator-demo-");
    try (ScriptedModel scripted = options.baseUrl() == null ? ScriptedModel.start() : null) {
      String baseUrl = scripted != null ? scripted.baseUrl() : options.baseUrl();
      String model = scripted != null ? ScriptedModel.MODEL : options.model();
      out.println("Task Orchestrator demo: the real server and a real MCP client, on this machine only.");
      out.println(scripted != null
          ? "The model is a scripted stand-in at " + baseUrl + ": it is not a real model and answers every task "
              + "with the same fixed text. No API key or account is needed."
          : "The model is " + model + " at " + baseUrl + " (yours).");
      Path config = DemoConfig.write(dir, baseUrl, model, scripted != null);
      out.println("Configuration, database and traces: " + dir);
      out.println();
      return drive(dir, config, model);
    }
  }

  private int drive(Path dir, Path config, String model) throws IOException, InterruptedException {
    McpSyncClient client = McpClient.sync(transport(config)).requestTimeout(Duration.ofMinutes(2))
        .initializationTimeout(Duration.ofMinutes(1)).build();
    DemoSteps steps = new DemoSteps(client, out);
    String traceId;
    try {
      steps.start();
      traceId = steps.spawn(TASK);
      steps.budget();
    } catch (RuntimeException e) {
      out.println("The demo stopped: " + e.getMessage());
      serverStderr.forEach(l -> out.println("  server: " + l));
      return 1;
    } finally {
      client.closeGracefully(); // the server stops on its stdin's end and flushes its spans
    }
    if (traceId == null) {
      return 1;
    }
    Path traces = dir.resolve(DemoConfig.TRACES);
    TraceTree tree = TraceTree.read(traces, traceId);
    out.println("4. The trace, " + tree.spans().size() + " spans, from " + traces + " (OTLP/JSON lines):");
    tree.print(out, "     ");
    out.println();
    out.println("Everything above ran for real except the model" + (model.equals(ScriptedModel.MODEL)
        ? "." : " (yours).") + " To connect your assistant, see the README (Connect a client).");
    out.println("Delete " + dir + " when done.");
    return tree.spans().isEmpty() ? 1 : 0;
  }

  /** {@code serve} in a child JVM like this one, with an environment that cannot send anything elsewhere. */
  private StdioClientTransport transport(Path config) {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString());
    ServerParameters params = ServerParameters.builder(java)
        .args("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            "dev.taskorchestrator.server.Main", "serve", "--config", config.toString())
        .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper()) {
      @Override
      protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().keySet().removeIf(Demo::reachesOut);
        return pb;
      }
    };
    transport.setStdErrorHandler(serverStderr::add);
    return transport;
  }

  /** Variables that would send spans or model calls elsewhere, or change the demo's configuration. */
  static boolean reachesOut(String variable) {
    return variable.startsWith("LANGFUSE_") || variable.startsWith("OTEL_")
        || variable.startsWith("TASK_ORCHESTRATOR_") || variable.endsWith("_API_KEY") || variable.endsWith("_BASE_URL");
  }

  /** The structured content of a tool result. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(McpSchema.CallToolResult r) {
    return r.structuredContent() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
