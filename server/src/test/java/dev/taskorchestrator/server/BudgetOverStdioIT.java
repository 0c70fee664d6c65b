package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 end to end through the jar over stdio: a reservation left open by a server killed (SIGKILL) while
 * its model call is in flight is released when the server starts again, with the settled spend unchanged;
 * a budget under 20 % warns in the spawn result, in check_budget and as a logging notification.
 */
class BudgetOverStdioIT {

  @TempDir Path dir;
  final FakeOpenAiServer fake = FakeOpenAiServer.start();
  OrchestratorProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    fake.close();
  }

  /** The fake provider's model costs $10 per million output tokens and nothing for input. */
  Path config() throws IOException {
    return OrchestratorProcess.config(dir, fake.baseUrl(), null, """
        budget:
          prices:
            - { model: gpt-fake, input: 0, output: 10 }
        resilience:
          time-scale: 0.001
        """);
  }

  static Map<String, Object> spawnArgs(String task, double budgetUsd, boolean background) {
    return Map.of("archetype", "researcher", "task", task, "max_tokens", 1000, "budget_usd", budgetUsd,
        "background", background);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> scope(Map<String, Object> checkBudget, String scope) {
    return ((List<Map<String, Object>>) checkBudget.get("scopes")).stream().filter(s -> scope.equals(s.get("scope")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + scope + " scope in " + checkBudget));
  }

  static BigDecimal usd(Object amount) {
    return new BigDecimal(amount.toString());
  }

  Map<String, Object> checkTask(String taskId) {
    return server.call("check_budget", Map.of("task_id", taskId));
  }

  @Test
  void aReservationLeftByAKilledServerIsReleasedOnRestartAndTheSettledSpendIsUnchanged() throws Exception {
    Path config = config();
    server = OrchestratorProcess.start(config);
    fake.enqueue(FakeOpenAiServer.text("settled before the crash", 100, 400, 0));
    Map<String, Object> done = server.call("spawn_archetype_agent", spawnArgs("first", 1.0, false));
    assertThat(done).containsEntry("status", "completed");
    BigDecimal settled = new BigDecimal("0.004"); // 400 output tokens at $10/M
    assertThat(usd(done.get("cost_usd"))).isEqualByComparingTo(settled);

    fake.enqueue(FakeOpenAiServer.text("never delivered", 1, 1, 0).heldFor(Duration.ofSeconds(30)));
    int before = fake.requests().size();
    String inFlight = (String) server.call("spawn_archetype_agent", spawnArgs("second", 1.0, true)).get("task_id");
    while (fake.requests().size() == before) { // the model call is in flight, its worst case reserved
      Thread.sleep(5);
    }
    assertThat(usd(scope(checkTask(inFlight), "task").get("reserved_usd"))).isEqualByComparingTo("0.01");
    assertThat(usd(scope(checkTask(inFlight), "day").get("reserved_usd"))).isEqualByComparingTo("0.01");

    OrchestratorProcess.killServerProcesses(config); // SIGKILL: no shutdown hook, no release
    server.client.close();
    server = OrchestratorProcess.start(config);

    Map<String, Object> task = scope(checkTask(inFlight), "task");
    assertThat(usd(task.get("reserved_usd"))).isZero();
    assertThat(usd(task.get("spent_usd"))).isZero();
    Map<String, Object> day = scope(checkTask(inFlight), "day");
    assertThat(usd(day.get("reserved_usd"))).isZero();
    assertThat(usd(day.get("spent_usd"))).isEqualByComparingTo(settled);
    Map<String, Object> report = server.call("cost_report", Map.of("period", "all"));
    assertThat(usd(report.get("total_usd"))).isEqualByComparingTo(settled);
    assertThat(((Number) report.get("calls")).intValue()).isEqualTo(1);
    assertThat(server.call("get_task", Map.of("task_id", inFlight))).containsEntry("status", "interrupted");
  }

  @Test
  void underTwentyPercentLeftTheResultAndBudgetSayWarningAndTheClientGetsAWarningNotification() throws Exception {
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    server = OrchestratorProcess.startWithLogging(config(), logs::add);
    fake.enqueue(FakeOpenAiServer.text("most of the budget", 500, 900, 0)); // $0.009 of $0.011

    Map<String, Object> r = server.call("spawn_archetype_agent", spawnArgs("spend it", 0.011, false));

    assertThat(r).containsEntry("status", "completed");
    String id = (String) r.get("task_id");
    assertThat((String) r.get("warning")).contains("task " + id + " is warning");
    Map<String, Object> task = scope(checkTask(id), "task");
    assertThat(task).containsEntry("state", "warning");
    assertThat(usd(task.get("remaining_usd"))).isEqualByComparingTo("0.002");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (logs.stream().noneMatch(n -> n.data().contains(id)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(logs).filteredOn(n -> n.data().contains(id)).singleElement().satisfies(n -> {
      assertThat(n.level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
      assertThat(n.data()).startsWith("budget task " + id + " is warning");
    });
  }
}
