package dev.taskorchestrator.agents.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 (random port) that answers scripted replies in order and
 * records every request. Subclasses add the wire format's bodies. Unscripted requests get a 500
 * naming the problem, so a test that under-scripts fails loudly.
 *
 * <pre>{@code
 * try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
 *   fake.enqueue(FakeOpenAiServer.text("hi", 10, 2, 0));
 *   ... config.withBaseUrl(fake.baseUrl()) ...
 *   assertThat(fake.requests().getFirst().header("authorization")).isEqualTo("Bearer k");
 * }
 * }</pre>
 */
public class FakeModelServer implements AutoCloseable {
  private static final String UNSCRIPTED =
      "{\"error\":{\"message\":\"fake server: no scripted reply left\",\"type\":\"fake_unscripted\"}}";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String basePath;
  private final Deque<ScriptedReply> script = new ConcurrentLinkedDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch hangUps = new CountDownLatch(1);

  protected FakeModelServer(String basePath) {
    this.basePath = basePath;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a loopback port", e);
    }
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-model-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL to configure ({@code http://127.0.0.1:PORT} plus the format's base path). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
  }

  /** Adds replies to the end of the script. */
  public FakeModelServer enqueue(ScriptedReply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The last request received. */
  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("no request received");
    }
    return requests.getLast();
  }

  /** Waits until a client hung up on a held reply; true if it did within {@code timeout}. */
  public boolean awaitClientHangUp(Duration timeout) throws InterruptedException {
    return hangUps.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A base URL on 127.0.0.1 where nothing listens (connection refused). */
  public static String unusedLoopbackUrl(String basePath) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + basePath;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) ->
          headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
      requests.add(new RecordedRequest(exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), headers, body));
      ScriptedReply reply = script.pollFirst();
      respond(exchange, reply == null ? ScriptedReply.json(500, UNSCRIPTED) : reply);
    }
  }

  private void respond(HttpExchange exchange, ScriptedReply reply) throws IOException {
    if (!reply.delay().isZero()) {
      try {
        Thread.sleep(reply.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    if (!reply.hold().isZero()) {
      holdThenSend(exchange, reply, bytes);
    } else if (reply.cutConnection()) {
      exchange.sendResponseHeaders(reply.status(), bytes.length + 100L);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      // Closing with bytes missing makes the server drop the connection.
    } else {
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private void holdThenSend(HttpExchange exchange, ScriptedReply reply, byte[] bytes) {
    long until = System.nanoTime() + reply.hold().toNanos();
    try {
      exchange.sendResponseHeaders(reply.status(), 0);
      OutputStream out = exchange.getResponseBody();
      while (System.nanoTime() < until) {
        out.write(' ');
        out.flush();
        Thread.sleep(10);
      }
      out.write(bytes);
    } catch (IOException e) {
      hangUps.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
