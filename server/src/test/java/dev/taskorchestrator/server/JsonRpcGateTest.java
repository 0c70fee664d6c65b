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

    assertThat(verdict).isEqualTo(new JsonRpcGate.Verdict.Pass(null, "notifications/initialized", null));
  }

  @Test
  void dropsRootsListChangedBecauseTheServerUsesNoRoots() {
    var verdict = gate.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");

    assertThat(verdict).isInstanceOf(JsonRpcGate.Verdict.Drop.class);
  }
}
