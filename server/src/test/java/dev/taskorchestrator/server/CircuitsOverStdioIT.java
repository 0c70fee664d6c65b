package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 through the jar over stdio: three failed calls open the provider's breaker (circuit_status shows it,
 * the client is warned); with every provider open a spawn is refused with error.code circuit_open and
 * retry_after_seconds before any money is reserved; after a restart on the same data directory the breaker
 * is still open for the rest of its wait.
 */
class CircuitsOverStdioIT {

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

  @SuppressWarnings("unchecked")
  Map<String, Object> breaker(String name) {
    List<Map<String, Object>> rows = (List<Map<String, Object>>) server.call("circuit_status", Map.of("name", name))
        .get("breakers");
    return rows.stream().filter(r -> name.equals(r.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no breaker " + name + " in " + rows));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(Map<String, Object> spawn) {
    return (Map<String, Object>) spawn.get("error");
  }

  Map<String, Object> spawn() {
    return server.call("spawn_archetype_agent", Map.of("archetype", "researcher", "task", "look it up"));
  }

  @Test
  void anOpenProviderRefusesSpawnsBeforeAnyReservationAndStaysOpenAcrossARestart() throws Exception {
    Path config = OrchestratorProcess.config(dir, fake.baseUrl(), null, """
        budget:
          prices:
            - { model: gpt-fake, input: 1, output: 10 }
        resilience:
          retries: 0
          failures-to-open: 3
          open-duration: 60s
        """);
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    server = OrchestratorProcess.startWithLogging(config, logs::add);
    for (int i = 0; i < 3; i++) {
      fake.enqueue(FakeOpenAiServer.error(500, "server_error", "down " + i, null));
      assertThat(spawn()).containsEntry("status", "failed");
    }

    Map<String, Object> open = breaker("fake");
    assertThat(open).containsEntry("state", "open").containsEntry("kind", "provider")
        .containsEntry("consecutive_failures", 3);
    Instant nextHalfOpen = Instant.parse((String) open.get("next_half_open"));
    assertThat(Duration.between(Instant.now(), nextHalfOpen)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    assertThat(logs).anySatisfy(n -> {
      assertThat(n.level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
      assertThat(n.data()).contains("circuit fake (provider) closed -> open");
    });

    Map<String, Object> refused = spawn();
    assertThat(refused).containsEntry("status", "refused");
    assertThat(error(refused)).containsEntry("code", "circuit_open");
    long retryAfter = ((Number) error(refused).get("retry_after_seconds")).longValue();
    assertThat(retryAfter).isBetween(30L, 60L);
    assertThat(fake.requests()).hasSize(3);
    assertNothingReservedOrSpent();

    server.close();
    server = OrchestratorProcess.start(config);

    Map<String, Object> restored = breaker("fake");
    assertThat(restored).containsEntry("state", "open");
    assertThat(Instant.parse((String) restored.get("next_half_open"))) // stored to the millisecond
        .isEqualTo(nextHalfOpen.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    Map<String, Object> again = spawn();
    assertThat(error(again)).containsEntry("code", "circuit_open");
    assertThat(((Number) error(again).get("retry_after_seconds")).longValue()).isBetween(1L, retryAfter);
    assertThat(fake.requests()).hasSize(3);
    assertNothingReservedOrSpent();
  }

  @SuppressWarnings("unchecked")
  private void assertNothingReservedOrSpent() {
    List<Map<String, Object>> scopes = (List<Map<String, Object>>) server.call("check_budget", Map.of()).get("scopes");
    assertThat(scopes).isNotEmpty().allSatisfy(s -> {
      assertThat(new BigDecimal(s.get("reserved_usd").toString())).isZero();
      assertThat(new BigDecimal(s.get("spent_usd").toString())).isZero();
    });
    assertThat(((Number) server.call("cost_report", Map.of("period", "all")).get("calls")).intValue()).isZero();
  }
}
