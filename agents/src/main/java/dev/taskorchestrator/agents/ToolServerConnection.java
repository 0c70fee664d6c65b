package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One downstream server: its client, started lazily and replaced after the server dies. */
final class ToolServerConnection {

  private static final Logger log = LoggerFactory.getLogger(ToolServerConnection.class);

  private final String name;
  private final ToolServerSettings settings;
  private final McpJsonMapper json;
  private final ReentrantLock lock = new ReentrantLock();
  private McpSyncClient client;
  private List<DownstreamTool> tools;

  ToolServerConnection(String name, ToolServerSettings settings, McpJsonMapper json) {
    this.name = name;
    this.settings = settings;
    this.json = json;
  }

  List<DownstreamTool> tools() throws ToolCallException {
    requireCommand();
    lock.lock();
    try {
      McpSyncClient c = connected();
      if (tools == null) {
        tools = c.listTools().tools().stream().map(this::toDownstream).toList();
      }
      return tools;
    } catch (RuntimeException e) {
      throw failure("listing tools", e);
    } finally {
      lock.unlock();
    }
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) throws ToolCallException {
    requireCommand();
    McpSyncClient c;
    lock.lock();
    try {
      c = connected();
    } catch (RuntimeException e) {
      throw failure("starting", e);
    } finally {
      lock.unlock();
    }
    try {
      return c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    } catch (RuntimeException e) {
      throw failure("calling " + tool, e);
    }
  }

  /** A command that does not exist is a configuration problem, said at once (not after a 30 s wait). */
  private void requireCommand() throws ToolCallException {
    if (settings.command() != null && ToolCommands.resolve(settings.command(), settings.env()).isEmpty()) {
      throw new ToolCallException(ErrorClass.CONFIGURATION, "tool server " + name + ": command not found: '"
          + settings.command() + "' is not an executable file" + (settings.command().contains("/") ? ""
              : " on PATH") + "; install it or fix tool-servers." + name + ".command");
    }
  }

  void close() {
    lock.lock();
    try {
      if (client != null) {
        try {
          client.closeGracefully();
        } catch (RuntimeException e) {
          client.close();
        }
        client = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private McpSyncClient connected() {
    if (client == null) {
      McpSyncClient c = McpClient.sync(transport())
          .clientInfo(new McpSchema.Implementation("task-orchestrator", "1"))
          .requestTimeout(settings.timeout())
          .initializationTimeout(Duration.ofSeconds(30))
          .toolsChangeConsumer(changed -> invalidateTools())
          .build();
      try {
        c.initialize();
      } catch (RuntimeException e) {
        c.close(); // the process (or session) it started must not outlive the failed start
        throw e;
      }
      client = c;
      tools = null;
      log.info("tool server {} started", name);
    }
    return client;
  }

  private void invalidateTools() {
    lock.lock();
    try {
      tools = null;
    } finally {
      lock.unlock();
    }
  }

  private McpClientTransport transport() {
    if (settings.command() != null) {
      ServerParameters params = ServerParameters.builder(settings.command())
          .args(settings.args()).env(settings.env()).build();
      StdioClientTransport t = new StdioClientTransport(params, json);
      t.setStdErrorHandler(line -> log.debug("tool server {} stderr: {}", name, line));
      return t;
    }
    URI uri = URI.create(settings.url());
    String base = uri.getScheme() + "://" + uri.getRawAuthority();
    String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp" : uri.getRawPath();
    var builder = HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).jsonMapper(json);
    if (!settings.headers().isEmpty()) {
      java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder();
      settings.headers().forEach(request::header);
      builder.requestBuilder(request);
    }
    return builder.build();
  }

  private DownstreamTool toDownstream(McpSchema.Tool t) {
    boolean readOnly = t.annotations() != null && Boolean.TRUE.equals(t.annotations().readOnlyHint());
    return new DownstreamTool(name, t.name(), t.description() == null ? "" : t.description(),
        t.inputSchema() == null ? Map.of("type", "object") : t.inputSchema(), readOnly);
  }

  /** Classifies a client failure; a dead connection is dropped so the next use restarts the server. */
  private ToolCallException failure(String doing, RuntimeException e) {
    ErrorClass cls = classify(e);
    // A JSON-RPC error answer means the server is alive: closing would kill the other calls in flight.
    boolean answered = e instanceof McpError m && m.getJsonRpcError() != null;
    // An attempt abandoned at its deadline (the guard interrupts the waiting thread) says nothing about the
    // connection: closing it would stall on the graceful close and fail the server's other tools' calls.
    if (!answered && !interrupted(e) && (cls == ErrorClass.NETWORK || cls == ErrorClass.SERVER)) {
      close();
    }
    String detail = e instanceof McpError m && m.getJsonRpcError() != null ? m.getJsonRpcError().message()
        : cls == ErrorClass.TIMEOUT ? "no answer within " + settings.timeout().toMillis() + " ms"
        : rootMessage(e);
    return new ToolCallException(cls, "tool server " + name + " failed while " + doing + ": " + detail);
  }

  private static boolean interrupted(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof InterruptedException) {
          return true;
        }
      }
    }
    return false;
  }

  static ErrorClass classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
        return ErrorClass.TIMEOUT;
      }
      if (t instanceof McpError m) {
        return m.getJsonRpcError() != null && m.getJsonRpcError().code() == McpSchema.ErrorCodes.INVALID_PARAMS
            ? ErrorClass.INVALID_REQUEST : ErrorClass.SERVER;
      }
      if (t instanceof java.io.IOException) {
        return ErrorClass.NETWORK;
      }
    }
    return ErrorClass.NETWORK;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
