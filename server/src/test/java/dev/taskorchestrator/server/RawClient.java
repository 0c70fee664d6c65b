package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that speaks JSON-RPC by hand, over stdio (the built jar's stdin and stdout) or Streamable HTTP
 * (a POST per message, each answer read as JSON or as an event stream, and the session's GET stream), so
 * that tests can send what the SDK's clients cannot (notifications/cancelled, answers to sampling at a
 * chosen moment) and see every message the server sends, with the SSE event ids over HTTP.
 */
abstract class RawClient implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One message from the server; over HTTP with the stream it came on ("post:ID" or "get") and its event id. */
  record Received(JsonNode message, String stream, String eventId) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Every SSE event id seen, priming events included, with the stream it came on ("STREAM ID"). */
  final List<String> eventIds = new CopyOnWriteArrayList<>();
  /** Every {@code retry:} field seen, with the stream it came on ("STREAM MILLIS"). */
  final List<String> retries = new CopyOnWriteArrayList<>();

  abstract void send(String json) throws Exception;

  void initialize(boolean sampling) throws Exception {
    send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
        + "\"2025-11-25\",\"capabilities\":" + (sampling ? "{\"sampling\":{}}" : "{}")
        + ",\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    awaitResponse("init", Duration.ofSeconds(30));
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** Waits for a message matching {@code match} that was not taken before, and takes it. */
  JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    return awaitReceived(match, timeout).message();
  }

  private final List<Received> taken = new CopyOnWriteArrayList<>();

  Received awaitReceived(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Received r : received) {
        if (!taken.contains(r) && match.test(r.message())) {
          taken.add(r);
          return r;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no matching message within " + timeout + "; received: " + received + "; events: "
        + eventIds);
  }

  JsonNode awaitResponse(String id, Duration timeout) throws InterruptedException {
    return await(m -> !m.has("method") && id.equals(m.path("id").asString()), timeout);
  }

  JsonNode awaitRequest(String method, Duration timeout) throws InterruptedException {
    return await(m -> method.equals(m.path("method").asString()) && m.has("id"), timeout);
  }

  /** Whether any message so far matches. */
  boolean anyReceived(Predicate<JsonNode> match) {
    return received.stream().anyMatch(r -> match.test(r.message()));
  }

  static String toolCall(String id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "}}";
  }

  /** An answer to a sampling request: the assistant's text as the client's model. */
  static String samplingAnswer(JsonNode request, String text) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":{\"role\":\"assistant\",\"content\":"
        + "{\"type\":\"text\",\"text\":" + JSON.writeValueAsString(text) + "},\"model\":\"client-model-1\","
        + "\"stopReason\":\"endTurn\"}}";
  }

  /** Over the built jar's stdin and stdout. */
  static RawClient stdio(ServerProcess process) {
    return new Stdio(process);
  }

  /** Over Streamable HTTP at {@code url}; the GET stream opens after {@code notifications/initialized}. */
  static RawClient http(URI url) {
    return new Http(url);
  }

  private static final class Stdio extends RawClient {
    private final OutputStream in;

    Stdio(ServerProcess process) {
      this.in = process.process.getOutputStream();
      Thread.ofPlatform().daemon().start(() -> {
        try (var r = new BufferedReader(new InputStreamReader(process.process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            received.add(new Received(JSON.readTree(line), "stdout", null));
          }
        } catch (IOException e) {
          // the process is gone
        }
      });
    }

    @Override
    synchronized void send(String json) throws IOException {
      in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  static final class Http extends RawClient {
    final URI url;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    volatile String session;
    /** Whether {@code notifications/initialized} opens the GET stream (as the SDKs' clients do). */
    volatile boolean openGetAfterInitialized = true;
    private volatile Stream<String> getStream;
    private final Map<String, Thread> readers = new ConcurrentHashMap<>();

    Http(URI url) {
      this.url = url;
    }

    HttpRequest.Builder request() {
      var b = HttpRequest.newBuilder(url).header("Accept", "application/json, text/event-stream");
      if (session != null) {
        b.header("Mcp-Session-Id", session);
      }
      return b;
    }

    @Override
    void send(String json) throws Exception {
      var response = http.send(request().header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofLines());
      response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> session = s);
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode sent = JSON.readTree(json);
      if (type.startsWith("text/event-stream")) {
        readEvents(response.body(), "post:" + sent.path("id").asString());
      } else if (type.startsWith("application/json")) {
        received.add(new Received(JSON.readTree(String.join("\n", response.body().toList())), "json", null));
      } else {
        response.body().close();
      }
      if (response.statusCode() >= 400 && !type.startsWith("application/json")) {
        throw new AssertionError("POST answered " + response.statusCode());
      }
      if ("notifications/initialized".equals(sent.path("method").asString()) && openGetAfterInitialized) {
        openGet(null);
      }
    }

    /** Opens a GET stream (resuming from {@code lastEventId} when not null); returns its HTTP status. */
    int openGet(String lastEventId) throws Exception {
      var b = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
          .GET();
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      var response = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() == 200) {
        getStream = response.body();
        readEvents(response.body(), "get");
      } else {
        response.body().close();
      }
      return response.statusCode();
    }

    private void readEvents(Stream<String> lines, String stream) {
      Thread t = Thread.ofVirtual().start(() -> {
        String id = null;
        StringBuilder data = new StringBuilder();
        try (lines) {
          for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.startsWith("id:")) {
              id = line.substring(3).strip();
            } else if (line.startsWith("retry:")) {
              retries.add(stream + " " + line.substring(6).strip());
            } else if (line.startsWith("data:")) {
              data.append(line.substring(5).strip());
            } else if (line.isEmpty()) {
              if (id != null) {
                eventIds.add(stream + " " + id);
              }
              if (!data.isEmpty()) {
                received.add(new Received(JSON.readTree(data.toString()), stream, id));
              }
              data.setLength(0);
            }
          }
        } catch (RuntimeException closed) {
          // the stream ended
        }
      });
      readers.put(stream, t);
    }

    /** Waits until the event stream {@code stream} ("post:ID", "get") has ended. */
    void awaitStreamEnd(String stream, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!readers.containsKey(stream) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread t = readers.get(stream);
      assertThat(t).as("stream %s never opened", stream).isNotNull();
      assertThat(t.join(timeout)).as("stream %s still open after %s", stream, timeout).isTrue();
    }

    /** Drops the GET stream from the client's side, as a network failure would. */
    void dropGet() throws InterruptedException {
      Stream<String> s = getStream;
      Thread t = readers.get("get");
      if (s != null) {
        s.close();
      }
      if (t != null) {
        t.join(5000);
      }
      readers.remove("get");
    }

    /** Ends the session ({@code DELETE}); returns the HTTP status. */
    int delete() throws Exception {
      return http.send(HttpRequest.newBuilder(url).header("Mcp-Session-Id", session).DELETE().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
      http.shutdownNow();
    }
  }
}
