package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.testing.TestToolServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The built jar as a child process, spoken to by the Java SDK client over stdio. */
final class OrchestratorProcess {

  static final String KEY_ENV = "FAKE_PROVIDER_KEY";
  static final String KEY = "sk-it-secret-123";

  final List<String> stderr = new CopyOnWriteArrayList<>();
  final McpSyncClient client;

  private OrchestratorProcess(Path config,
      Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling) {
    this(config, sampling, null, Map.of());
  }

  private OrchestratorProcess(Path config,
      Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling,
      java.util.function.Consumer<McpSchema.LoggingMessageNotification> logging, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(KEY_ENV, KEY);
    ServerParameters params = ServerParameters.builder(TestToolServer.javaCommand())
        .args(commandLine(config))
        .env(all)
        .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(stderr::add);
    McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30));
    if (sampling != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().sampling().build()).sampling(sampling);
    }
    if (logging != null) {
      spec.loggingConsumer(logging);
    }
    client = spec.build();
    client.initialize();
  }

  /**
   * The JVM flags {@code bin/task-orchestrator} runs the server with (C1 only, the serial collector, a small
   * initial heap),
   * so that latency benchmarks measure the server as users run it; {@code -Dserver.jvm=plain} drops them.
   */
  static final List<String> LAUNCHER_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms16m",
      "-XX:+DisplayVMOutputToStderr");

  private static List<String> commandLine(Path config) {
    List<String> args = new java.util.ArrayList<>();
    if (!"plain".equals(System.getProperty("server.jvm"))) {
      args.addAll(LAUNCHER_FLAGS);
    }
    String extra = System.getProperty("server.jvmArgs", "");
    if (!extra.isBlank()) {
      args.addAll(List.of(extra.trim().split("\\s+"))); // e.g. a flight recording of a benchmark
    }
    args.addAll(List.of("-jar", jar().toString(), "serve", "--config", config.toString()));
    return args;
  }

  static OrchestratorProcess start(Path config) {
    return new OrchestratorProcess(config, null);
  }

  /** Starts the server with more environment variables (Langfuse keys, for example). */
  static OrchestratorProcess start(Path config, Map<String, String> env) {
    return new OrchestratorProcess(config, null, null, env);
  }

  static OrchestratorProcess startWithSampling(Path config,
      Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> sampling) {
    return new OrchestratorProcess(config, sampling);
  }

  /** Started with a client that hands every logging notification to {@code logging}. */
  static OrchestratorProcess startWithLogging(Path config,
      java.util.function.Consumer<McpSchema.LoggingMessageNotification> logging) {
    return new OrchestratorProcess(config, null, logging, Map.of());
  }

  static Path jar() {
    Path jar = ServerProcess.JAR;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests in the verify phase");
    }
    return jar;
  }

  /**
   * Writes a configuration: an OpenAI-compatible provider at {@code providerUrl} (none when null), whose
   * key is in {@link #KEY_ENV}, and the test tool server as {@code notes} (none when {@code toolLog} is null).
   */
  static Path config(Path dir, String providerUrl, Path toolLog) throws IOException {
    return config(dir, providerUrl, toolLog, providerUrl == null ? "" : DEFAULT_PRICE);
  }

  /** The fake provider's model has no list price: the budget refuses unpriced models, so it gets one. */
  static final String DEFAULT_PRICE = "budget:\n  prices:\n    - { model: gpt-fake, input: 1, output: 10 }\n";

  /** Like {@link #config(Path, String, Path)} with {@code extra} YAML sections instead of the default price. */
  static Path config(Path dir, String providerUrl, Path toolLog, String extra) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("data-dir: ").append(quote(dir.resolve("data").toString())).append('\n');
    y.append("logging:\n  level: warn\n");
    if (providerUrl != null) {
      y.append("providers:\n  - name: fake\n    type: openai\n    base-url: ").append(quote(providerUrl))
          .append("\n    api-key-env: ").append(KEY_ENV).append("\n    models: [gpt-fake]\n");
    }
    if (toolLog != null) {
      y.append("tool-servers:\n  notes:\n    command: ").append(quote(TestToolServer.javaCommand()))
          .append("\n    args:\n");
      for (String a : TestToolServer.args()) {
        y.append("      - ").append(quote(a)).append('\n');
      }
      y.append("    env:\n      ").append(TestToolServer.LOG_ENV).append(": ").append(quote(toolLog.toString()))
          .append('\n');
    }
    y.append(extra);
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(McpSchema.CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  Map<String, Object> call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    if (r.structuredContent() == null) {
      throw new AssertionError(tool + " answered without structured content: " + r.content() + "; stderr: " + stderr);
    }
    return structured(r);
  }

  /** Polls get_task until the task is no longer running. */
  Map<String, Object> awaitEnd(String taskId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> t = call("get_task", Map.of("task_id", taskId));
      if (!"running".equals(t.get("status"))) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " still running after " + timeout);
  }

  /** Kills the server process the hard way (no shutdown hook, no graceful stop), as a crash would. */
  static void killServerProcesses(Path config) throws InterruptedException {
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      String cmd = p.info().commandLine().orElse("");
      if (cmd.contains("task-orchestrator.jar") && cmd.contains(config.toString())) {
        p.destroyForcibly();
        p.onExit().join();
      }
    }
  }

  void close() {
    try {
      client.closeGracefully();
    } catch (RuntimeException e) {
      client.close();
    }
  }
}
