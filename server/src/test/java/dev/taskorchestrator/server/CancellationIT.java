package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A client that cancels its {@code tools/call} ({@code notifications/cancelled}) or ends its session stops
 * the spawn as {@code cancel_task} does, over both transports: the task ends {@code cancelled}, the
 * sampling request it was waiting on is withdrawn (the client gets {@code notifications/cancelled} for it),
 * the call gets no answer, and only the model call that was answered is billed, nothing stays reserved.
 * The spawn is a QC agent on the client's sampling: its first answer is not the JSON QC must give, so it
 * asks a second time, and that second request is the one left pending.
 */
@Timeout(120)
class CancellationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SPAWN = RawClient.toolCall("spawn-1", "spawn_archetype_agent",
      "{\"archetype\":\"qc\",\"task\":\"review the plan\",\"session_id\":\"s-cancel\"}");

  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of("HOME", tmp.toString(), "TASK_ORCHESTRATOR_LOGGING_LEVEL", "info");
  }

  private Path config() throws Exception {
    return OrchestratorProcess.config(tmp, null, null);
  }

  @Test
  void cancellingASpawnOverStdioStopsItsTaskWithdrawsItsSamplingAndBillsOnlyTheAnsweredCall() throws Exception {
    try (ServerProcess server = ServerProcess.start(env(), "serve", "--config", config().toString());
        RawClient client = RawClient.stdio(server)) {
      cancelTheSpawnAndCheckItStopped(client);
      client.close(); // stdin EOF: the server drains and exits, so everything it wrote has been read
      assertThat(server.awaitExit(WAIT)).isZero();
      assertThat(client.anyReceived(m -> "spawn-1".equals(m.path("id").asString()) && !m.has("method")))
          .as("the cancelled call got no answer").isFalse();
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  @Test
  void cancellingASpawnOverHttpStopsItsTaskWithdrawsItsSamplingAndBillsOnlyTheAnsweredCall() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp.resolve("data"), env(), "--config", config().toString());
        RawClient.Http client = (RawClient.Http) RawClient.http(URI.create(server.awaitUrl(WAIT)))) {
      cancelTheSpawnAndCheckItStopped(client);
      client.awaitStreamEnd("post:spawn-1", WAIT);
      assertThat(client.anyReceived(m -> "spawn-1".equals(m.path("id").asString()) && !m.has("method")))
          .as("the cancelled call got no answer").isFalse();
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  @Test
  void deletingTheSessionOverHttpCancelsTheSpawnItLeftRunning() throws Exception {
    try (ServerProcess server = ServerProcess.http(tmp.resolve("data"), env(), "--config", config().toString())) {
      URI url = URI.create(server.awaitUrl(WAIT));
      try (RawClient.Http client = (RawClient.Http) RawClient.http(url)) {
        client.initialize(true);
        startSpawnAndLeaveItsSecondSamplingPending(client);

        assertThat(client.delete()).isEqualTo(200);
        client.awaitStreamEnd("post:spawn-1", WAIT);
      }
      try (RawClient.Http other = (RawClient.Http) RawClient.http(url)) {
        other.initialize(false);
        assertBilledOnlyTheAnsweredCall(other);
      }
      assertThat(server.leakyStderr()).isEmpty();
    }
  }

  /** Cancels the call while its second sampling request is pending; the spawn stops as it must. */
  private static void cancelTheSpawnAndCheckItStopped(RawClient client) throws Exception {
    client.initialize(true);
    JsonNode pending = startSpawnAndLeaveItsSecondSamplingPending(client);

    client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"spawn-1\","
        + "\"reason\":\"the user stopped it\"}}");

    assertWithdrawn(client, pending);
    assertBilledOnlyTheAnsweredCall(client);
  }

  /** Starts the spawn, answers its first sampling request with text QC cannot use; returns the second. */
  private static JsonNode startSpawnAndLeaveItsSecondSamplingPending(RawClient client) throws Exception {
    Thread.ofVirtual().start(() -> {
      try {
        client.send(SPAWN); // over HTTP this POST stays open while the call runs
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonNode first = client.awaitRequest("sampling/createMessage", WAIT);
    client.send(RawClient.samplingAnswer(first, "looks fine to me"));
    JsonNode second = client.awaitRequest("sampling/createMessage", WAIT);
    assertThat(second.path("params").path("messages").toString()).contains("JSON");
    return second;
  }

  private static void assertWithdrawn(RawClient client, JsonNode pending) throws InterruptedException {
    JsonNode withdrawal = client.await(m -> "notifications/cancelled".equals(m.path("method").asString()), WAIT);
    assertThat(withdrawal.path("params").path("requestId")).isEqualTo(pending.get("id"));
  }

  /** One call billed (the answered one), the task cancelled with that cost, nothing left reserved. */
  private static void assertBilledOnlyTheAnsweredCall(RawClient client) throws Exception {
    JsonNode row = awaitTaskRow(client);
    assertThat(row.path("calls").asInt()).isEqualTo(1);
    BigDecimal cost = row.path("cost_usd").decimalValue();
    assertThat(cost).isPositive();
    String taskId = row.path("key").asString();
    JsonNode task = awaitEnd(client, taskId);
    assertThat(task.path("status").asString()).isEqualTo("cancelled");
    assertThat(task.path("cost_usd").decimalValue()).isEqualByComparingTo(cost);
    JsonNode session = call(client, "budget-session", "check_budget", "{\"scope\":\"session\",\"id\":\"s-cancel\"}")
        .path("scopes").path(0);
    assertThat(session.path("spent_usd").decimalValue()).isEqualByComparingTo(cost);
    assertThat(session.path("reserved_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  private static JsonNode awaitTaskRow(RawClient client) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      JsonNode rows = call(client, "report-" + i, "cost_report", "{\"period\":\"all\",\"group_by\":\"task\"}")
          .path("rows");
      if (!rows.isEmpty()) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no task was billed within " + WAIT);
  }

  private static JsonNode awaitEnd(RawClient client, String taskId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      JsonNode task = call(client, "get-" + i, "get_task", "{\"task_id\":\"" + taskId + "\"}");
      if (!"running".equals(task.path("status").asString())) {
        return task;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " still running after " + WAIT);
  }

  private static JsonNode call(RawClient client, String id, String tool, String arguments) throws Exception {
    client.send(RawClient.toolCall(id, tool, arguments));
    JsonNode answer = client.awaitResponse(id, WAIT);
    assertThat(answer.path("result").path("isError").asBoolean()).as("%s: %s", tool, answer).isFalse();
    return answer.path("result").path("structuredContent");
  }
}
