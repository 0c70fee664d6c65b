package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import org.junit.jupiter.api.Test;

class JsonRpcGateTest {

  private final JsonRpcGate gate = new JsonRpcGate(McpJsonDefaults.getMapper());

  @Test
  void refusesAnIdWithALoneSurrogateAndEchoesItEscaped() {
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"id\":\"a\\ud800\",\"method\":\"ping\"}");

    assertThat(verdict).isInstanceOf(JsonRpcGate.Verdict.Reject.class);
    // Escaped, so that the client reads back exactly the id it sent (UTF-8 would turn it into '?').
    assertThat(((JsonRpcGate.Verdict.Reject) verdict).response()).contains("\"id\":\"a\\uD800\"")
        .contains("-32600").matches("\\p{ASCII}*");
  }

  @Test
  void passesAnIdWithAPairedSurrogateAndReportsTheRequest() {
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"id\":\"\\ud83d\\ude00\",\"method\":\"ping\"}");

    assertThat(verdict).isInstanceOfSatisfying(JsonRpcGate.Verdict.Pass.class, p -> {
      assertThat(p.requestId()).isEqualTo("\ud83d\ude00");
      assertThat(p.method()).isEqualTo("ping");
      assertThat(p.id().isString()).isTrue();
    });
  }

  @Test
  void passesANotificationWithItsMethodAndNoId() {
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    assertThat(verdict).isInstanceOfSatisfying(JsonRpcGate.Verdict.Pass.class, p -> {
      assertThat(p.requestId()).isNull();
      assertThat(p.id()).isNull();
      assertThat(p.method()).isEqualTo("notifications/initialized");
      assertThat(p.message()).isInstanceOf(io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification.class);
    });
  }

  @Test
  void answersAHugeUnknownMethodWithMethodNotFoundQuotingOnlyItsStart() {
    String method = "x".repeat(5_000);
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + method + "\"}");

    assertThat(verdict).isInstanceOfSatisfying(JsonRpcGate.Verdict.Reject.class, r -> {
      assertThat(r.response()).contains("\"id\":9", "-32601", "Method not found: " + "x".repeat(64) + "\\u2026",
          "(5000 characters)");
      assertThat(r.response().length()).isLessThan(300);
    });
  }

  @Test
  void dropsRootsListChangedBecauseTheServerUsesNoRoots() {
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");

    assertThat(verdict).isInstanceOf(JsonRpcGate.Verdict.Drop.class);
  }
}
