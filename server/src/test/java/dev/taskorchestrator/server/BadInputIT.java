package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 10,000 malformed or mutated JSON-RPC messages per transport: the server stays up, answers every
 * request that has an id, and never shows a stack trace or a class name.
 */
class BadInputIT {

  private static final int COUNT = 10_000;
  private static final int MAX_BYTES = 65_536;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INIT = HttpSecurityIT.INIT;

  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of("HOME", tmp.toString(), "TASK_ORCHESTRATOR_SERVER_MAX_REQUEST_BYTES", String.valueOf(MAX_BYTES),
        "TASK_ORCHESTRATOR_LOGGING_LEVEL", "warn");
  }

  /** Checks one answer: a JSON-RPC response object, no stack trace, no class name. Returns its id or null. */
  private static String checkAnswer(String text) {
    assertThat(Leaks.leaks(text)).as("answer leaks internals: %s", text).isFalse();
    JsonNode node = JSON.readTree(text);
    assertThat(node.path("jsonrpc").asString()).as(text).isEqualTo("2.0");
    assertThat(node.has("result") || node.path("error").path("code").isIntegralNumber()).as(text).isTrue();
    JsonNode id = node.get("id");
    return id == null || id.isNull() ? null : id.asString();
  }

  @Test
  @Timeout(150)
  void stdioSurvivesTenThousandMalformedMessagesAndAnswersEveryRequest() throws Exception {
    List<MalformedMessages.Message> messages = new MalformedMessages(42, MAX_BYTES).generate(COUNT);
    try (ServerProcess server = ServerProcess.start(env(), "serve", "--data-dir", tmp.toString())) {
      Set<String> answered = ConcurrentHashMap.newKeySet();
      List<String> answers = new CopyOnWriteArrayList<>();
      List<String> bad = new CopyOnWriteArrayList<>();
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try (var r = new BufferedReader(new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            answers.add(line);
            try {
              String id = checkAnswer(line);
              if (id != null) {
                answered.add(id);
              }
            } catch (RuntimeException | AssertionError e) {
              bad.add(line.substring(0, Math.min(400, line.length())) + " :: " + e.getMessage());
            }
          }
        } catch (java.io.IOException e) {
          bad.add("reading stdout failed: " + e);
        }
      });
      OutputStream in = new BufferedOutputStream(server.process.getOutputStream(), 1 << 16);
      writeLine(in, INIT.getBytes(StandardCharsets.UTF_8));
      writeLine(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
      in.flush();
      awaitIds(answered, Set.of("1"), Duration.ofSeconds(30), server);
      long start = System.nanoTime();
      Set<String> owed = ConcurrentHashMap.newKeySet();
      for (MalformedMessages.Message m : messages) {
        writeLine(in, m.bytes());
        if (m.expectedAnswerId() != null) {
          owed.add(m.expectedAnswerId());
        }
      }
      writeLine(in, "{\"jsonrpc\":\"2.0\",\"id\":\"final-ping\",\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      in.flush();
      awaitIds(answered, Set.of("final-ping"), Duration.ofSeconds(90), server);
      awaitIds(answered, owed, Duration.ofSeconds(20), server);
      System.out.printf("stdio: %,d messages, %,d requests owed an answer, %,d answers in %d ms%n", COUNT,
          owed.size(), answers.size(), (System.nanoTime() - start) / 1_000_000);
      assertThat(bad).as("bad answers").isEmpty();
      assertThat(owed).isNotEmpty().allMatch(answered::contains);
      assertThat(server.process.isAlive()).isTrue();
      in.close();
      assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
      reader.join(5000);
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  private static void writeLine(OutputStream out, byte[] line) throws Exception {
    out.write(line);
    out.write('\n');
  }

  private static void awaitIds(Set<String> answered, Set<String> ids, Duration timeout, ServerProcess server)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!answered.containsAll(ids) && System.nanoTime() < deadline && server.process.isAlive()) {
      Thread.sleep(20);
    }
    List<String> missing = ids.stream().filter(id -> !answered.contains(id)).limit(10).toList();
    assertThat(missing).as("unanswered requests (first 10); stderr: %s", server.stderr.stream().limit(20).toList())
        .isEmpty();
  }

  @Test
  @Timeout(200)
  void httpSurvivesTenThousandMalformedMessagesInOneSession() throws Exception {
    List<MalformedMessages.Message> messages = new MalformedMessages(7, MAX_BYTES).generate(COUNT);
    var env = new java.util.HashMap<>(env());
    env.put("TASK_ORCHESTRATOR_LOGGING_LEVEL", "info"); // the URL is logged at info
    try (ServerProcess server = ServerProcess.http(tmp, env)) {
      URI url = URI.create(server.awaitUrl(Duration.ofSeconds(30)));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var init = http.send(request(url, null, INIT.getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      http.send(request(url, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
          .getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());

      long start = System.nanoTime();
      Semaphore inFlight = new Semaphore(8);
      List<String> problems = new CopyOnWriteArrayList<>();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (MalformedMessages.Message m : messages) {
        inFlight.acquire();
        all.add(http.sendAsync(request(url, session, m.bytes()), HttpResponse.BodyHandlers.ofString())
            .whenComplete((r, e) -> {
              inFlight.release();
              if (e != null) {
                // An oversized body is answered 413 and the connection closed while the client may still
                // be sending; HttpSecurityIT checks that answer on a raw socket.
                if (!m.kind().equals("oversized")) {
                  problems.add(m.kind() + ": " + e);
                }
              } else {
                check(m, r, problems);
              }
            }));
      }
      CompletableFuture.allOf(all.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
          .get(150, TimeUnit.SECONDS);
      System.out.printf("http: %,d messages in %d ms%n", COUNT, (System.nanoTime() - start) / 1_000_000);
      assertThat(problems).as("first problems").isEmpty();
      var ping = http.send(request(url, session, "{\"jsonrpc\":\"2.0\",\"id\":\"final\",\"method\":\"ping\"}"
          .getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(ping.body()).contains("\"id\":\"final\"", "\"result\":{}");
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  private static HttpRequest request(URI url, String session, byte[] body) {
    var b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return b.build();
  }

  private static void check(MalformedMessages.Message m, HttpResponse<String> r, List<String> problems) {
    try {
      int status = r.statusCode();
      // No 5xx: nothing here is the server's fault (an unsolicited response is the client's error, 400).
      assertThat(status).as("status").isIn(200, 202, 400, 404, 413);
      String body = r.body();
      List<String> messagesInBody = new ArrayList<>();
      if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
        // An event with no data is the stream's priming event (its id lets the client resume).
        body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).filter(d -> !d.isEmpty())
            .forEach(messagesInBody::add);
      } else if (!body.isBlank()) {
        messagesInBody.add(body);
      }
      List<String> ids = new ArrayList<>();
      for (String msg : messagesInBody) {
        ids.add(checkAnswer(msg));
      }
      if (m.expectedAnswerId() != null && status != 413) {
        assertThat(ids).as("answer to request %s", m.expectedAnswerId()).contains(m.expectedAnswerId());
      }
    } catch (AssertionError | RuntimeException e) {
      if (problems.size() < 20) {
        problems.add(m.kind() + " " + new String(m.bytes(), 0, Math.min(300, m.bytes().length),
            StandardCharsets.UTF_8) + " -> " + r.statusCode() + " " + r.body().substring(0, Math.min(300,
            r.body().length())) + " :: " + e.getMessage().lines().limit(3).toList());
      }
    }
  }
}
