package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ConfigLoader;
import dev.taskorchestrator.server.config.ServerSettings;
import dev.taskorchestrator.server.http.HttpTransport;
import dev.taskorchestrator.server.stdio.StdioMcpTransport;
import dev.taskorchestrator.budget.SqliteBudgetGuard;
import dev.taskorchestrator.orchestrator.Orchestrator;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.telemetry.Telemetry;
import dev.taskorchestrator.agents.Archetypes;
import dev.taskorchestrator.tools.Backend;
import dev.taskorchestrator.tools.InFlight;
import dev.taskorchestrator.tools.McpFeatures;
import dev.taskorchestrator.tools.OrchestratorTools;
import java.time.Clock;
import java.time.Duration;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} command: opens the database, serves MCP on one transport until stdin closes (stdio)
 * or a stop signal arrives, then lets in-flight calls finish within the grace period and closes cleanly.
 */
final class Serve {

  private static final Logger log = LoggerFactory.getLogger(Serve.class);

  private final ConfigLoader.Loaded loaded;
  private final Function<String, String> env;
  private final StdioSide early;
  private final StopRequest stop;
  private final Redactor redactor;
  private final InFlight inFlight = new InFlight();

  Serve(ConfigLoader.Loaded loaded, Function<String, String> env) {
    this(loaded, env, null, new StopRequest(), ConfiguredSecrets.redactor(loaded.config(), env, System.getenv()));
  }

  /**
   * @param early the stdio side Main opened before the configuration was bound, or null
   * @param stop asked to stop serving (by stdin's end once {@code early} is open)
   * @param redactor the one redactor (every configured secret): database, traces, patterns and tool results
   */
  Serve(ConfigLoader.Loaded loaded, Function<String, String> env, StdioSide early, StopRequest stop,
      Redactor redactor) {
    this.loaded = loaded;
    this.env = env;
    this.early = early;
    this.stop = stop;
    this.redactor = redactor;
  }

  /** Asks the server to stop; safe from any thread, any number of times. */
  void requestStop() {
    stop.ask("stop requested");
  }

  /** Serves until stopped. {@code in}/{@code out} are the protocol streams in stdio mode. */
  int run(InputStream in, PrintStream out) throws Exception {
    ServerSettings settings = loaded.config().server();
    McpJsonMapper json = McpJsonDefaults.getMapper();
    Clock clock = Clock.systemUTC();
    // Over stdio, initialize is answered while the rest starts (it needs none of it); the requests after
    // it wait in the pipe until the server is ready. Main opens the stdio side before binding the
    // configuration when it can tell the transport without it.
    StdioSide stdio = settings.http() ? null
        : early != null ? early : StdioSide.open(json, in, out, this::onEof).awaitFirstMessage();
    StdioMcpTransport stdioTransport = stdio == null ? null : stdio.transport(settings);
    Archetypes archetypes = Wiring.archetypes(loaded.config());
    CompletableFuture<Backend> backend = new CompletableFuture<>();
    McpFeatures features = OrchestratorTools.features(archetypes, () -> started(backend), inFlight);
    // Over stdio the server answers tools/list (the client's next request) while the backend starts;
    // tool calls wait for it.
    McpSyncServer stdioServer = stdio == null ? null
        : McpServerSetup.build(McpServer.sync(stdioTransport), json, settings, features);
    try {
      serve(settings, json, clock, archetypes, features, backend, stdioTransport, stdioServer);
    } catch (Exception | Error e) {
      backend.completeExceptionally(e);
      if (stdioServer != null) {
        // The requests already read (a tool call waiting for the backend) get their answers first.
        stdioTransport.awaitAnswered(ANSWER_WAIT);
        stdioServer.close();
      }
      throw e;
    }
    return 0;
  }

  private void serve(ServerSettings settings, McpJsonMapper json, Clock clock, Archetypes archetypes,
      McpFeatures features, CompletableFuture<Backend> backend, StdioMcpTransport stdio, McpSyncServer stdioServer)
      throws Exception {
    // SQLite's native library and the migrations load on the other core while telemetry starts.
    CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Storage.open(loaded.dataDir(), redactor),
        task -> Thread.ofPlatform().name("open-database").start(task));
    Telemetry telemetry;
    try {
      telemetry = Wiring.telemetry(loaded.config(), env, redactor);
    } catch (RuntimeException e) {
      opening.thenAccept(Database::close);
      throw e;
    }
    try (telemetry;
        Database db = opened(opening);
        SqliteBudgetGuard budget = Budgets.guard(loaded.config().budget(), db, clock);
        Heartbeat heartbeat = Heartbeat.start(budget);
        Orchestrator orchestrator = Wiring.orchestrator(loaded.config(), archetypes, db, budget,
            Wiring.patterns(loaded.config(), db, clock, redactor), env, json, telemetry, clock)) {
      backend.complete(new Backend(orchestrator, budget, orchestrator.patterns(), telemetry));
      if (settings.http()) {
        serveHttp(settings, json, features);
      } else {
        serveStdio(settings, stdio, stdioServer);
      }
      orchestrator.shutdown(Duration.ofSeconds(1));
      log.info("stopped; database {} closed", db.file());
    }
  }

  /** The backend for a tool call: waits until it has started; throws when it could not. */
  private static Backend started(CompletableFuture<Backend> backend) {
    try {
      return backend.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the server did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the server was starting", e);
    }
  }

  /** The database once open; a failure to open surfaces as itself, as if opened on this thread. */
  private static Database opened(CompletableFuture<Database> opening) throws InterruptedException {
    try {
      return opening.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  private void serveStdio(ServerSettings settings, StdioMcpTransport stdio, McpSyncServer server)
      throws InterruptedException {
    log.info("serving MCP over stdio (data: {})", loaded.dataDir());
    log.info("{}: shutting down", stop.await());
    drainToolCalls(settings);
    // The tool calls have drained above; what is left are quick requests whose answers are on their way.
    if (!stdio.awaitAnswered(ANSWER_WAIT)) {
      log.warn("stopping with {} request(s) unanswered after waiting {} for their answers", stdio.unanswered(),
          dev.taskorchestrator.server.config.Durations.format(ANSWER_WAIT));
    }
    server.closeGracefully();
  }

  private void serveHttp(ServerSettings settings, McpJsonMapper json, McpFeatures features)
      throws Exception {
    String token = settings.tokenEnv() == null ? null : env.apply(settings.tokenEnv());
    if (settings.tokenEnv() != null && (token == null || token.isBlank())) {
      throw new StartupException("server.token-env names " + settings.tokenEnv()
          + ", but that environment variable is not set; export it with the token clients must send");
    }
    java.util.Set<String> tools = features.tools().stream().map(t -> t.tool().name())
        .collect(java.util.stream.Collectors.toSet());
    try (HttpTransport http = HttpTransport.create(settings, json, token, McpServerSetup.PROTOCOL_VERSIONS, tools)) {
      // Each request is handled on its own (virtual) Tomcat thread, which waits for the answer anyway.
      McpSyncServer server = McpServerSetup.build(McpServer.sync(http.provider()).immediateExecution(true), json,
          settings, features);
      int port = http.start();
      log.info("serving MCP over Streamable HTTP at http://{}:{}{}{}", hostForUrl(settings.host()), port,
          HttpTransport.ENDPOINT, token != null ? " (bearer token required)" : "");
      log.info("{}: shutting down", stop.await());
      http.pause();
      drainToolCalls(settings);
      server.closeGracefully();
    }
  }

  /** Refuses new tool calls and lets the running ones finish within the grace period. */
  private void drainToolCalls(ServerSettings settings) throws InterruptedException {
    if (!inFlight.closeAndAwait(settings.shutdownGrace())) {
      log.warn("stopping with {} tool call(s) still running after the {} grace period", inFlight.count(),
          dev.taskorchestrator.server.config.Durations.format(settings.shutdownGrace()));
    }
  }

  private void onEof() {
    stopOnEof(stop).run();
  }

  /** What the end of stdin does: stop serving. */
  static Runnable stopOnEof(StopRequest stop) {
    return () -> stop.ask("stdin closed");
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** A problem found while starting that the user must fix (exit status 1). */
  static final class StartupException extends RuntimeException {
    StartupException(String message) {
      super(message, null, false, false);
    }
  }
}
