package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The same JSON-RPC answers over both transports: version negotiation, and a bounded "method not found". */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProtocolNegotiationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private ServerProcess http;
  private URI url;

  @BeforeAll
  void start() throws Exception {
    http = ServerProcess.http(tmp.resolve("http"), Map.of("HOME", tmp.toString()));
    url = URI.create(http.awaitUrl(WAIT));
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
  }

  private RawClient client(String transport) throws Exception {
    return transport.equals("http") ? RawClient.http(url)
        : RawClient.stdio(ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--data-dir",
            tmp.resolve("stdio").toString()));
  }

  @ParameterizedTest(name = "{0} asks {1}, gets {2}")
  @CsvSource({"stdio, 2024-11-05, 2024-11-05", "http, 2024-11-05, 2024-11-05", "stdio, 2025-03-26, 2025-03-26",
      "http, 2025-03-26, 2025-03-26", "stdio, 2025-06-18, 2025-06-18", "http, 2025-06-18, 2025-06-18",
      "stdio, 2099-01-01, 2025-11-25", "http, 2099-01-01, 2025-11-25"})
  void initializeNegotiatesTheSameVersionOverBothTransports(String transport, String asked, String answered)
      throws Exception {
    try (RawClient client = client(transport)) {
      client.send("{\"jsonrpc\":\"2.0\",\"id\":\"v\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
          + asked + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"v\",\"version\":\"1\"}}}");
      JsonNode answer = client.awaitResponse("v", WAIT);
      assertThat(answer.path("result").path("protocolVersion").asString()).isEqualTo(answered);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void anUnknownMethodOfFiveThousandCharactersIsNotEchoedWhole(String transport) throws Exception {
    try (RawClient client = client(transport)) {
      client.initialize(false);
      client.send("{\"jsonrpc\":\"2.0\",\"id\":\"long\",\"method\":\"" + "m".repeat(5_000) + "\"}");
      JsonNode answer = client.awaitResponse("long", WAIT);
      assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
      assertThat(answer.path("error").path("message").asString()).startsWith("Method not found: mmm").hasSizeLessThan(120);
      client.send("{\"jsonrpc\":\"2.0\",\"id\":\"short\",\"method\":\"no/such\"}");
      assertThat(client.awaitResponse("short", WAIT).path("error").path("code").asInt()).isEqualTo(-32601);
    }
  }
}
