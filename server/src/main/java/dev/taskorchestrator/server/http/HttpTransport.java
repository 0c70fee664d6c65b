package dev.taskorchestrator.server.http;

import dev.taskorchestrator.server.JsonRpcGate;
import dev.taskorchestrator.server.config.ServerSettings;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Streamable HTTP at {@code /mcp} on embedded Tomcat: the {@link HttpGuard} in front of the {@link StreamableEndpoint}. */
public final class HttpTransport implements AutoCloseable {

  public static final String ENDPOINT = "/mcp";
  /** How long a server request outside any POST waits for the client to open its GET stream. */
  static final Duration STREAM_WAIT = Duration.ofSeconds(30);

  private final Tomcat tomcat;
  private final StreamableEndpoint endpoint;
  private final HttpSessions sessions;
  private final Path baseDir;
  private final String host;

  private HttpTransport(Tomcat tomcat, StreamableEndpoint endpoint, HttpSessions sessions, Path baseDir,
      String host) {
    this.tomcat = tomcat;
    this.endpoint = endpoint;
    this.sessions = sessions;
    this.baseDir = baseDir;
    this.host = host;
  }

  /**
   * Creates the transport; the MCP server must be built on {@link #provider()} before {@link #start()}.
   *
   * @param protocolVersions the revisions negotiated, oldest first
   * @param streamedTools the tools whose calls are answered as event streams
   */
  public static HttpTransport create(ServerSettings settings, McpJsonMapper json, String token,
      List<String> protocolVersions, Set<String> streamedTools) throws IOException {
    HttpSessions sessions = new HttpSessions(json, settings.requestTimeout(), STREAM_WAIT);
    StreamableEndpoint endpoint = new StreamableEndpoint(json, sessions, protocolVersions, streamedTools);
    Path baseDir = Files.createTempDirectory("task-orchestrator-http");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(settings.port());
    tomcat.getConnector().setProperty("address", settings.host());
    tomcat.getConnector().setProperty("useVirtualThreads", "true");
    tomcat.getConnector().setProperty("maxSwallowSize", String.valueOf(settings.maxRequestBytes()));
    ((StandardHost) tomcat.getHost()).setErrorReportValveClass(JsonErrorReportValve.class.getName());
    Context ctx = tomcat.addContext("", baseDir.toString());
    // No @PostConstruct/@Resource scanning: jakarta.annotation is not on the classpath (the root pom
    // excludes tomcat-annotations-api), and scanning the guard filter for it failed the whole context.
    ctx.setIgnoreAnnotations(true);
    // One application in one process, never redeployed: Tomcat's leak checks on stop have nothing to find,
    // and without --add-opens they only warn that they cannot run.
    if (ctx instanceof org.apache.catalina.core.StandardContext standard) {
      standard.setClearReferencesThreadLocals(false);
      standard.setClearReferencesRmiTargets(false);
    }
    Wrapper wrapper = ctx.createWrapper();
    wrapper.setName("mcp");
    wrapper.setServlet(endpoint);
    wrapper.setLoadOnStartup(1);
    ctx.addChild(wrapper);
    ctx.addServletMappingDecoded("/*", "mcp");
    addGuard(ctx, new HttpGuard(ENDPOINT, token, settings.maxRequestBytes(), new JsonRpcGate(json),
        hostsAndOrigins(settings), Set.copyOf(protocolVersions)));
    return new HttpTransport(tomcat, endpoint, sessions, baseDir, settings.host());
  }

  public McpStreamableServerTransportProvider provider() {
    return endpoint;
  }

  /** Starts listening; returns the bound port. */
  public int start() throws LifecycleException {
    tomcat.start();
    // Tomcat logs a failed context and goes on serving 404s; refuse to start half-working instead.
    for (var child : tomcat.getHost().findChildren()) {
      if (!child.getState().isAvailable()) {
        throw new LifecycleException("the HTTP endpoint failed to start (see the log above)");
      }
    }
    if (tomcat.getConnector().getLocalPort() < 0) {
      throw new LifecycleException("could not listen on " + host + ":" + tomcat.getConnector().getPort()
          + " (the port is in use, or the address is not this machine's); choose another port with --port or "
          + "server.port (0 picks a free one), or stop what uses it");
    }
    return tomcat.getConnector().getLocalPort();
  }

  /** Stops accepting new connections; open requests go on. */
  public void pause() {
    tomcat.getConnector().pause();
  }

  @Override
  public void close() {
    sessions.close();
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      // stopping anyway
    }
    try (var files = Files.walk(baseDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory: the OS cleans it eventually
    }
  }

  private static void addGuard(Context ctx, HttpGuard guard) {
    FilterDef def = new FilterDef();
    def.setFilterName("guard");
    def.setFilter(guard);
    def.setAsyncSupported("true");
    ctx.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("guard");
    map.addURLPatternDecoded("/*");
    ctx.addFilterMap(map);
  }

  /**
   * Host: loopback names, the bound address and {@code server.allowed-hosts}, with any port. Origin:
   * loopback origins and {@code server.allowed-origins}.
   */
  static DefaultServerTransportSecurityValidator hostsAndOrigins(ServerSettings settings) {
    List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
    String bound = settings.host().contains(":") && !settings.host().startsWith("[") ? "[" + settings.host() + "]"
        : settings.host();
    hosts.add(bound);
    hosts.addAll(settings.allowedHosts());
    List<String> allowed = new ArrayList<>();
    for (String h : hosts) {
      String host = h.toLowerCase(java.util.Locale.ROOT);
      allowed.add(host);
      if (!host.matches(".*:[0-9]+")) {
        allowed.add(host + ":*");
      }
    }
    List<String> origins = new ArrayList<>(List.of("http://localhost:*", "http://127.0.0.1:*",
        "http://[::1]:*", "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*"));
    origins.addAll(settings.allowedOrigins());
    return DefaultServerTransportSecurityValidator.builder().allowedHosts(allowed).allowedOrigins(origins).build();
  }

  /**
   * Tomcat's error page replaced by a JSON-RPC error. The guard cleans the errors raised inside its
   * filter chain; this catches the rest (an exception on the SDK's asynchronous path, an error dispatch,
   * a request Tomcat refuses before any filter), which would otherwise get an HTML page.
   */
  public static final class JsonErrorReportValve extends ErrorReportValve {
    public JsonErrorReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      try {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        PrintWriter writer = response.getReporter();
        if (writer != null) {
          writer.write(JsonRpcGate.errorResponse(null, status >= 500 ? JsonRpcGate.INTERNAL_ERROR
              : JsonRpcGate.INVALID_REQUEST, JsonErrors.plain(status, null)));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the client is gone or the response already committed: nothing more to send
      }
    }
  }
}
