package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Streamable HTTP as the 2025-11-25 transport spec has it, on the built jar with no model provider (agents
 * run on the client's sampling): what belongs to no open POST goes out on the session's GET stream, event
 * ids are unique and resumable, every stream is primed, errors keep the request's id, CORS preflight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StreamableHttpIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private ServerProcess server;
  private URI url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    server = ServerProcess.http(tmp.resolve("data"), Map.of("HOME", tmp.toString(),
        "TASK_ORCHESTRATOR_LOGGING_LEVEL", "info"), "--config", OrchestratorProcess.config(tmp, null, null).toString());
    url = URI.create(server.awaitUrl(WAIT));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    assertThat(server.leakyStderr()).isEmpty();
  }

  @Test
  void aBackgroundSpawnAsksTheJavaSdkClientForSamplingOnItsGetStreamAndCompletes() throws Exception {
    AtomicInteger sampled = new AtomicInteger();
    var transport = HttpClientStreamableHttpTransport.builder("http://" + url.getAuthority()).endpoint(url.getPath())
        .build();
    try (McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT)
        .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
        .sampling(req -> {
          sampled.incrementAndGet();
          return McpSchema.CreateMessageResult.builder().role(McpSchema.Role.ASSISTANT)
              .content(new McpSchema.TextContent("sampled in the background")).model("client-model-1")
              .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN).build();
        }).build()) {
      client.initialize();
      var started = client.callTool(McpSchema.CallToolRequest.builder("spawn_archetype_agent").arguments(Map.of(
          "archetype", "researcher", "task", "what is sampling?", "background", true)).build());
      String id = (String) OrchestratorProcess.structured(started).get("task_id");
      assertThat(OrchestratorProcess.structured(started)).containsEntry("status", "running");

      Map<String, Object> done = awaitEnd(client, id);

      assertThat(done).containsEntry("status", "completed").containsEntry("provider", "sampling")
          .containsEntry("output", "sampled in the background");
      assertThat(sampled).hasValue(1);
    }
  }

  @Test
  void eventIdsAreUniqueAcrossTheSessionsStreamsAndEveryStreamIsPrimedWithARetryInterval() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.initialize(false);
      for (int i = 0; i < 3; i++) {
        client.send(RawClient.toolCall("c" + i, "check_budget", "{}"));
        client.awaitResponse("c" + i, WAIT);
        client.awaitStreamEnd("post:c" + i, WAIT);
      }
      List<String> ids = client.eventIds.stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList();
      assertThat(ids).hasSizeGreaterThanOrEqualTo(7).doesNotHaveDuplicates(); // a priming event and an answer per POST, and the GET's
      assertThat(ids).doesNotContain(client.session);
      for (String stream : List.of("get", "post:c0", "post:c1", "post:c2")) {
        assertThat(client.retries).as("retry on %s", stream).anyMatch(r -> r.startsWith(stream + " "));
      }
      // The answer came after the priming event on its stream; the answer's id resumes after it.
      RawClient.Received answer = client.received.stream().filter(r -> "c0".equals(r.message().path("id")
          .asString())).findFirst().orElseThrow();
      assertThat(client.eventIds.indexOf("post:c0 " + answer.eventId())).isPositive();
    }
  }

  /**
   * A background spawn's sampling belongs to no POST (the call is answered at once): it goes to the
   * session's GET stream, and waits for the client to open one, here only after the call's answer.
   */
  @Test
  void aServerRequestOutsideAnyPostWaitsForTheGetStreamAndGoesOutOnIt() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.openGetAfterInitialized = false;
      client.initialize(true);
      client.send(RawClient.toolCall("bg", "spawn_archetype_agent",
          "{\"archetype\":\"researcher\",\"task\":\"later\",\"background\":true}"));
      String taskId = client.awaitResponse("bg", WAIT).path("result").path("structuredContent").path("task_id")
          .asString();
      assertThat(client.openGet(null)).isEqualTo(200);

      RawClient.Received request = client.awaitReceived(m -> "sampling/createMessage".equals(m.path("method")
          .asString()), WAIT);
      assertThat(request.stream()).isEqualTo("get");
      client.send(RawClient.samplingAnswer(request.message(), "answered on the GET stream"));

      JsonNode done = awaitEnd(client, taskId);
      assertThat(done.path("status").asString()).isEqualTo("completed");
      assertThat(done.path("output").asString()).isEqualTo("answered on the GET stream");
    }
  }

  @Test
  void aGetWithLastEventIdReplaysWhatTheClientMissedOnTheListeningStream() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.initialize(true);
      String taskId = startBackgroundQc(client);
      RawClient.Received first = client.awaitReceived(m -> "sampling/createMessage".equals(m.path("method")
          .asString()), WAIT);
      assertThat(first.stream()).isEqualTo("get");

      client.dropGet(); // the connection is lost; the server's next request is sent to no one
      client.send(RawClient.samplingAnswer(first.message(), "not the JSON QC must answer"));
      assertThat(client.openGet(first.eventId())).isEqualTo(200);

      RawClient.Received second = client.awaitReceived(m -> "sampling/createMessage".equals(m.path("method")
          .asString()), WAIT);
      assertThat(second.stream()).isEqualTo("get");
      assertThat(second.message().get("id")).isNotEqualTo(first.message().get("id"));
      client.send(RawClient.samplingAnswer(second.message(), QC_VERDICT));
      assertThat(awaitEnd(client, taskId).path("status").asString()).isEqualTo("completed");
    }
  }

  private static final String QC_VERDICT = "{\"verdict\":\"approve\",\"score\":0.9,\"issues\":[]}";

  /** Starts a background QC spawn and waits for the call's answer; returns the task id. */
  private static String startBackgroundQc(RawClient client) throws Exception {
    client.send(RawClient.toolCall("bg", "spawn_archetype_agent",
        "{\"archetype\":\"qc\",\"task\":\"check it\",\"background\":true}"));
    return client.awaitResponse("bg", WAIT).path("result").path("structuredContent").path("task_id").asString();
  }

  @Test
  void aGetStreamStartsWithItsPrimingEventBeforeTheServerHasAnythingToSend() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.openGetAfterInitialized = false;
      client.initialize(false);
      var get = http.send(HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
          .header("Mcp-Session-Id", client.session).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = get.body()) {
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String first = readEvent(body);
        assertThat(first).matches("(?s)id: 0-\\d+\\nretry: \\d+\\ndata: \\n");
      }
    }
  }

  /**
   * cancel_task stops a foreground spawn waiting on the client: the spawn's own call still gets its answer
   * (status cancelled), though it is written from the thread the cancellation interrupted, and the
   * sampling request it was waiting on is withdrawn.
   */
  @Test
  void cancelTaskStopsAForegroundSpawnAndItsCallStillGetsItsAnswer() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.initialize(true);
      Thread.ofVirtual().start(() -> {
        try {
          client.send(RawClient.toolCall("fg", "spawn_archetype_agent",
              "{\"archetype\":\"qc\",\"task\":\"review\",\"session_id\":\"s-fg\"}"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      JsonNode first = client.awaitRequest("sampling/createMessage", WAIT);
      client.send(RawClient.samplingAnswer(first, "not the JSON QC must answer"));
      JsonNode second = client.awaitRequest("sampling/createMessage", WAIT);
      String taskId = null;
      for (int i = 0; taskId == null; i++) {
        assertThat(i).as("the spawn's billed first call never showed in cost_report").isLessThan(1_500);
        Thread.sleep(20);
        client.send(RawClient.toolCall("report-" + i, "cost_report", "{\"period\":\"all\",\"group_by\":\"task\"}"));
        for (JsonNode row : client.awaitResponse("report-" + i, WAIT).path("result").path("structuredContent")
            .path("rows")) {
          client.send(RawClient.toolCall("t-" + i, "get_task", "{\"task_id\":\"" + row.path("key").asString() + "\"}"));
          if ("s-fg".equals(client.awaitResponse("t-" + i, WAIT).path("result").path("structuredContent")
              .path("session_id").asString())) {
            taskId = row.path("key").asString();
          }
        }
      }

      client.send(RawClient.toolCall("cancel", "cancel_task", "{\"task_id\":\"" + taskId + "\"}"));

      JsonNode answer = client.awaitResponse("fg", WAIT);
      assertThat(answer.path("result").path("structuredContent").path("status").asString()).isEqualTo("cancelled");
      JsonNode withdrawal = client.await(m -> "notifications/cancelled".equals(m.path("method").asString()), WAIT);
      assertThat(withdrawal.path("params").path("requestId")).isEqualTo(second.get("id"));
    }
  }

  @Test
  void headIsAnsweredAtOnceWith405AndTheMethodsAllowed() throws Exception {
    var head = http.send(HttpRequest.newBuilder(url).timeout(WAIT).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET, POST, DELETE, OPTIONS");
  }

  @Test
  void transportErrorsKeepTheRequestIdAndUseTheRightStatus() throws Exception {
    try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
      client.initialize(false);
      var jsonOnly = post("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/list\"}", "Accept", "application/json",
          "Mcp-Session-Id", client.session);
      assertThat(jsonOnly.statusCode()).isEqualTo(406);
      assertThat(error(jsonOnly.body()).path("id").asInt()).isEqualTo(41);
      assertThat(error(jsonOnly.body()).path("error").path("code").asInt()).isNotEqualTo(-32601);

      var unknown = post("{\"jsonrpc\":\"2.0\",\"id\":\"u-1\",\"method\":\"ping\"}", "Accept",
          "application/json, text/event-stream", "Mcp-Session-Id", "no-such-session");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(error(unknown.body()).path("id").asString()).isEqualTo("u-1");

      var none = post("{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"ping\"}", "Accept",
          "application/json, text/event-stream");
      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(error(none.body()).path("id").asInt()).isEqualTo(43);

      var getWithoutAccept = http.send(HttpRequest.newBuilder(url).header("Mcp-Session-Id", client.session)
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(getWithoutAccept.statusCode()).isEqualTo(406);
    }
  }

  @Test
  void corsPreflightFromAnAllowedOriginIsAnsweredAndOtherOriginsAreRefused() throws Exception {
    var preflight = http.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,mcp-session-id,mcp-protocol-version").build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("GET", "POST", "DELETE");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("content-type", "authorization", "mcp-session-id", "mcp-protocol-version", "last-event-id");

    var init = post(HttpSecurityIT.INIT, "Accept", "application/json, text/event-stream", "Origin",
        "http://127.0.0.1:8000");
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8000");
    assertThat(init.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Mcp-Session-Id");

    var foreign = http.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    return http.send(HttpRequest.newBuilder(url).timeout(WAIT).header("Content-Type", "application/json")
        .headers(headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(String body) {
    assertThat(Leaks.leaks(body)).isFalse();
    JsonNode node = RawClient.JSON.readTree(body);
    assertThat(node.path("error").path("code").isInt()).as(body).isTrue();
    return node;
  }

  /** Reads one SSE event (up to its blank line) from {@code in}. */
  private static String readEvent(InputStream in) throws Exception {
    StringBuilder event = new StringBuilder();
    while (!event.toString().endsWith("\n\n")) {
      int b = in.read();
      assertThat(b).as("the stream ended after: %s", event).isNotNegative();
      event.append((char) b);
    }
    return event.substring(0, event.length() - 1);
  }

  private static Map<String, Object> awaitEnd(McpSyncClient client, String id) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var t = OrchestratorProcess.structured(client.callTool(McpSchema.CallToolRequest.builder("get_task")
          .arguments(Map.of("task_id", id)).build()));
      if (!"running".equals(t.get("status"))) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + id + " still running after " + WAIT);
  }

  private static JsonNode awaitEnd(RawClient client, String id) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      client.send(RawClient.toolCall("get-" + i, "get_task", "{\"task_id\":\"" + id + "\"}"));
      JsonNode t = client.awaitResponse("get-" + i, WAIT).path("result").path("structuredContent");
      if (!"running".equals(t.path("status").asString())) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + id + " still running after " + WAIT);
  }
}
