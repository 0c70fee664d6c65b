package dev.taskorchestrator.agents.testing;

import dev.taskorchestrator.agents.ToolServerSettings;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A downstream MCP server built with the SDK, run as a child process over stdio
 * ({@code java -cp <test classpath> dev.taskorchestrator.agents.testing.TestToolServer}). Its tools:
 *
 * <ul>
 *   <li>{@code read_note} — annotated {@code readOnlyHint: true}; answers {@code note <name>: ...}
 *   <li>{@code delete_note} — destructive (not read-only); answers {@code deleted <name>}
 *   <li>{@code slow} — read-only; sleeps {@code ms} (default 300) then answers
 *   <li>{@code meet} — read-only; waits (up to 20 s) until {@code n} (default 2) calls of it are in flight
 *       at once, then answers {@code met}; alone, it answers {@code isError: true} — so a test can prove calls
 *       overlap without timing them
 *   <li>{@code fail} — read-only; answers with {@code isError: true}
 *   <li>{@code crash} — read-only; its handler throws
 *   <li>{@code search} — read-only; takes {@value #SEARCH_MS} ms (longer than a test's call timeout) unless
 *       the file {@code <TEST_TOOL_LOG>.search-ok} exists, then answers {@code results for <name>} at once.
 *       Short, because this server answers one call at a time: a caller that gave up still holds it</li>
 *   <li>{@code cached_search} — read-only; answers {@code cached results for <name>}
 *   <li>{@code echo_error} — read-only; its handler throws with the text {@code name} as message
 *   <li>{@code delete_all} — destructive (not read-only); answers {@code deleted everything}
 * </ul>
 *
 * <p>With {@code TEST_TOOL_LOG} set in its environment, every call appends {@code tool\n} to that
 * file, so a test can prove that a refused call never reached the server. It exits when stdin closes.
 */
public final class TestToolServer {

  /** How long {@code search} takes while it is unhealthy. */
  public static final long SEARCH_MS = 900;

  /** The environment variable naming the call log file. */
  public static final String LOG_ENV = "TEST_TOOL_LOG";

  private TestToolServer() {}

  /** Settings for a {@code tool-servers:} entry that starts this server as a child process. */
  public static ToolServerSettings stdio(Path callLog) {
    return new ToolServerSettings(javaCommand(), args(), callLog == null ? Map.of()
        : Map.of(LOG_ENV, callLog.toString()), null, null, Duration.ofSeconds(20));
  }

  /** The java executable of this JVM. */
  public static String javaCommand() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The arguments after the java command. */
  public static List<String> args() {
    return List.of("-cp", classpath(), TestToolServer.class.getName());
  }

  /** The test classpath (surefire/failsafe give the real one; java.class.path may be a manifest jar). */
  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Names of the calls recorded in {@code log} so far. */
  public static List<String> calls(Path log) throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  public static void main(String[] args) throws InterruptedException {
    InputStream in = new FilterInputStream(System.in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          System.exit(0);
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
          System.exit(0);
        }
        return c;
      }
    };
    var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, System.out);
    McpServer.sync(transport)
        .serverInfo("test-tool-server", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(tools())
        .build();
    new CountDownLatch(1).await();
  }

  private static final Object MEETING = new Object();
  private static int arrived;
  private static int meetings;

  /** Calls arrive one by one; the n-th arrival completes a meeting and releases everyone waiting for it. */
  private static CallToolResult meet(java.util.Map<String, Object> args) {
    int n = args.get("n") instanceof Number v ? v.intValue() : 2;
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    synchronized (MEETING) {
      int meeting = meetings;
      if (++arrived >= n) {
        arrived = 0;
        meetings++;
        MEETING.notifyAll();
        return ok("met");
      }
      try {
        while (meetings == meeting) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            arrived--;
            return CallToolResult.builder().addTextContent("alone: no other call came within 20 s")
                .isError(true).build();
          }
          MEETING.wait(Math.max(1, left / 1_000_000));
        }
        return ok("met");
      } catch (InterruptedException e) {
        arrived--;
        Thread.currentThread().interrupt();
        return CallToolResult.builder().addTextContent("interrupted").isError(true).build();
      }
    }
  }

  static List<SyncToolSpecification> tools() {
    return List.of(
        tool("read_note", "Reads a note by name.", true, args -> ok("note " + args.get("name") + ": remember the milk")),
        tool("delete_note", "Deletes a note by name. Cannot be undone.", false, args -> ok("deleted " + args.get("name"))),
        tool("slow", "Takes its time (ms, default 300) and answers.", true, args -> {
          long ms = args.get("ms") instanceof Number n ? n.longValue() : 300;
          try {
            Thread.sleep(ms);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ok("slept " + ms + " ms");
        }),
        tool("meet", "Answers once n (default 2) calls of it are in flight at once.", true, TestToolServer::meet),
        tool("fail", "Always reports an error.", true,
            args -> CallToolResult.builder().addTextContent("disk on fire").isError(true).build()),
        tool("crash", "Its handler throws.", true, args -> {
          throw new IllegalStateException("crashed on purpose");
        }),
        tool("search", "Searches the web (slow).", true, TestToolServer::search),
        tool("cached_search", "Searches a cache of the web.", true,
            args -> ok("cached results for " + args.get("name"))),
        tool("echo_error", "Fails with its 'name' argument as the error message.", true, args -> {
          throw new IllegalStateException(String.valueOf(args.get("name")));
        }),
        tool("delete_all", "Deletes every file. Cannot be undone.", false, args -> ok("deleted everything")));
  }

  private static CallToolResult search(Map<String, Object> args) {
    String log = System.getenv(LOG_ENV);
    if (log == null || !Files.exists(Path.of(log + ".search-ok"))) {
      try {
        Thread.sleep(SEARCH_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ok("results for " + args.get("name"));
  }

  private static SyncToolSpecification tool(String name, String description, boolean readOnly,
      java.util.function.Function<Map<String, Object>, CallToolResult> handler) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
        .inputSchema(Map.of("type", "object", "properties", Map.of(
            "name", Map.of("type", "string"), "ms", Map.of("type", "integer"))))
        .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(readOnly).destructiveHint(!readOnly).build())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      record(name);
      return handler.apply(request.arguments() == null ? Map.of() : request.arguments());
    }).build();
  }

  private static CallToolResult ok(String text) {
    return CallToolResult.builder().addTextContent(text).build();
  }

  private static synchronized void record(String name) {
    String log = System.getenv(LOG_ENV);
    if (log != null) {
      try {
        Files.writeString(Path.of(log), name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        System.err.println("cannot write the call log: " + e);
      }
    }
  }
}
