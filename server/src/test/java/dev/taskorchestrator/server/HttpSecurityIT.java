package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP transport's guard, tested from outside on the built jar. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HttpSecurityIT {

  static final String INIT = """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
      "capabilities":{},"clientInfo":{"name":"security-it","version":"1"}}}""";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path tmp;
  private ServerProcess open;
  private ServerProcess guarded;
  private URI openUrl;
  private URI guardedUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void startServers() throws Exception {
    open = ServerProcess.http(tmp.resolve("open"), Map.of("HOME", tmp.toString()));
    guarded = ServerProcess.http(tmp.resolve("guarded"), Map.of("HOME", tmp.toString(), "ORCH_TOKEN", "right-token"),
        "--token-env", "ORCH_TOKEN");
    openUrl = URI.create(open.awaitUrl(Duration.ofSeconds(30)));
    guardedUrl = URI.create(guarded.awaitUrl(Duration.ofSeconds(30)));
  }

  @AfterAll
  void stopServers() throws Exception {
    for (ServerProcess p : new ServerProcess[] {open, guarded}) {
      if (p != null) {
        p.close();
        assertThat(p.leakyStderr()).as("stderr of the server").isEmpty();
      }
    }
  }

  private HttpResponse<String> post(URI url, String body, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON-RPC error body, free of stack traces and class names. */
  private static JsonNode cleanError(String body) {
    assertThat(Leaks.leaks(body)).as("leaky body: %s", body).isFalse();
    JsonNode node = JSON.readTree(body);
    assertThat(node.path("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(node.path("error").path("code").isInt()).isTrue();
    assertThat(node.path("error").path("message").asString()).isNotBlank();
    return node;
  }

  @Test
  void badOriginIsRefusedWith403AndACleanJsonBody() throws Exception {
    var r = post(openUrl, INIT, "Origin", "http://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    cleanError(r.body());
    assertThat(post(openUrl, INIT, "Origin", "http://localhost:5173").statusCode()).isEqualTo(200);
  }

  @Test
  void foreignHostHeaderIsRefusedWithACleanBody() throws Exception {
    String req = "POST /mcp HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nContent-Length: " + INIT.length()
        + "\r\nConnection: close\r\n\r\n" + INIT;
    String[] response = raw(openUrl, req.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    assertThat(response[0]).matches("HTTP/1.1 (403|421).*");
    cleanError(response[1]);
  }

  @Test
  void missingOrWrongTokenGets401AndTheRightTokenWorks() throws Exception {
    var none = post(guardedUrl, INIT);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    cleanError(none.body());
    var wrong = post(guardedUrl, INIT, "Authorization", "Bearer wrong-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("right-token");
    assertThat(post(guardedUrl, INIT, "Authorization", "Basic cmlnaHQtdG9rZW4=").statusCode()).isEqualTo(401);
    var right = post(guardedUrl, INIT, "Authorization", "Bearer right-token");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Mcp-Session-Id")).isPresent();
    assertThat(right.body()).contains("\"serverInfo\"");
  }

  @Test
  void unsupportedProtocolVersionHeaderGets400() throws Exception {
    var r = post(openUrl, INIT, "MCP-Protocol-Version", "1999-01-01");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(cleanError(r.body()).path("error").path("message").asString())
        .contains("unsupported MCP-Protocol-Version 1999-01-01");
    assertThat(post(openUrl, INIT, "MCP-Protocol-Version", "2025-11-25").statusCode()).isEqualTo(200);
  }

  @Test
  void hugeDeclaredBodyIsRefusedWith413WithoutBeingRead() throws Exception {
    String head = "POST /mcp HTTP/1.1\r\nHost: " + openUrl.getAuthority() + "\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nContent-Length: 100000000\r\n\r\n{\"jsonrpc\":";
    long start = System.nanoTime();
    String[] response = raw(openUrl, head.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(response[0]).startsWith("HTTP/1.1 413");
    assertThat(ms).isLessThan(3000);
    assertThat(cleanError(response[1]).path("error").path("message").asString()).contains("Request too large");
  }

  @Test
  void errorsTomcatRaisesBeforeTheGuardAreCleanJsonRpcErrorsNotHtmlPages() throws Exception {
    String badPath = "GET /%zz HTTP/1.1\r\nHost: " + openUrl.getAuthority() + "\r\nConnection: close\r\n\r\n";
    String trace = "TRACE /mcp HTTP/1.1\r\nHost: " + openUrl.getAuthority() + "\r\nConnection: close\r\n\r\n";

    String[] badPathResponse = raw(openUrl, badPath.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
    String[] traceResponse = raw(openUrl, trace.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));

    assertThat(badPathResponse[0]).startsWith("HTTP/1.1 400");
    assertThat(cleanError(badPathResponse[1]).path("error").path("message").asString()).isEqualTo("Bad Request");
    assertThat(traceResponse[0]).startsWith("HTTP/1.1 405");
    assertThat(cleanError(traceResponse[1]).path("error").path("message").asString())
        .isEqualTo("Method Not Allowed");
  }

  @Test
  void bodyOverTheLimitWithoutContentLengthIsRefusedWith413() throws Exception {
    byte[] chunk = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5 * 1024 * 1024)
        + "\"}}").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.writeBytes(("POST /mcp HTTP/1.1\r\nHost: " + openUrl.getAuthority() + "\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
    req.writeBytes(chunk);
    req.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    String[] response = raw(openUrl, req.toByteArray(), Duration.ofSeconds(10));
    assertThat(response[0]).startsWith("HTTP/1.1 413");
    cleanError(response[1]);
  }

  @Test
  void sdkErrorsReachTheClientWithoutStackTraces() throws Exception {
    // No session id on a non-initialize request: the SDK answers 400 with its exception serialised.
    var noSession = post(openUrl, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
    assertThat(noSession.statusCode()).isEqualTo(400);
    cleanError(noSession.body());
    var unknownSession = post(openUrl, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}",
        "Mcp-Session-Id", "00000000-0000-0000-0000-000000000000");
    assertThat(unknownSession.statusCode()).isEqualTo(404);
    cleanError(unknownSession.body());
    var get = http.send(HttpRequest.newBuilder(openUrl).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isBetween(400, 499);
    cleanError(get.body());
    var elsewhere = http.send(HttpRequest.newBuilder(openUrl.resolve("/admin")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    cleanError(elsewhere.body());
  }

  @Test
  void nonLoopbackHostWithoutTokenExitsWithStatus2AndAClearLine() throws Exception {
    try (ServerProcess p = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--transport", "http",
        "--host", "0.0.0.0", "--port", "0", "--data-dir", tmp.resolve("x").toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(p.stderr).containsExactly("task-orchestrator: configuration: server.host = '0.0.0.0' (from flag "
          + "--host) is not allowed; a non-loopback address needs a bearer token: set server.token-env "
          + "(--token-env NAME)");
    }
  }

  @Test
  void aNonLoopbackBindWithTokenAndAllowedHostsAnswersItsHostNameAndRefusesOthers() throws Exception {
    try (ServerProcess p = ServerProcess.start(Map.of("HOME", tmp.toString(), "ORCH_TOKEN", "remote-token"), "serve",
        "--transport", "http", "--host", "0.0.0.0", "--port", "0", "--token-env", "ORCH_TOKEN", "--allowed-hosts",
        "mcp.example.test,192.0.2.7", "--data-dir", tmp.resolve("remote").toString())) {
      URI bound = URI.create(p.awaitUrl(Duration.ofSeconds(30)));
      URI local = URI.create("http://127.0.0.1:" + bound.getPort() + "/mcp");
      for (String host : new String[] {"mcp.example.test:" + bound.getPort(), "MCP.Example.Test", "192.0.2.7:443"}) {
        String[] answer = raw(local, rawPost(host, "remote-token"), Duration.ofSeconds(10));
        assertThat(answer[0]).as("Host %s", host).startsWith("HTTP/1.1 200");
        assertThat(answer[1]).contains("\"serverInfo\"");
      }
      String[] foreign = raw(local, rawPost("other.example.test", "remote-token"), Duration.ofSeconds(10));
      assertThat(foreign[0]).startsWith("HTTP/1.1 421");
      cleanError(foreign[1]);
      assertThat(raw(local, rawPost("mcp.example.test", "wrong"), Duration.ofSeconds(10))[0]).startsWith("HTTP/1.1 401");
    }
  }

  @Test
  void aNonLoopbackBindWithoutAllowedHostsExitsWithStatus2AndAClearLine() throws Exception {
    try (ServerProcess p = ServerProcess.start(Map.of("HOME", tmp.toString(), "ORCH_TOKEN", "t"), "serve",
        "--transport", "http", "--host", "0.0.0.0", "--port", "0", "--token-env", "ORCH_TOKEN", "--data-dir",
        tmp.resolve("z").toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(p.stderr).containsExactly("task-orchestrator: configuration: server.allowed-hosts = '[]' is not "
          + "allowed; server.host 0.0.0.0 is not a loopback address: list the names clients reach the server by "
          + "(--allowed-hosts mcp.example.com,192.168.1.10)");
    }
  }

  private static byte[] rawPost(String host, String token) {
    return ("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
        + "Accept: application/json, text/event-stream\r\nAuthorization: Bearer " + token + "\r\nContent-Length: "
        + INIT.length() + "\r\nConnection: close\r\n\r\n" + INIT).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void tokenVariableThatIsNotSetExitsWithStatus1AndAClearLine() throws Exception {
    try (ServerProcess p = ServerProcess.start(Map.of("HOME", tmp.toString()), "serve", "--transport", "http",
        "--port", "0", "--token-env", "UNSET_TOKEN_VARIABLE_X", "--data-dir", tmp.resolve("y").toString())) {
      assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(p.stderr).anyMatch(l -> l.equals("task-orchestrator: server.token-env names UNSET_TOKEN_VARIABLE_X, "
          + "but that environment variable is not set; export it with the token clients must send"));
      assertThat(p.leakyStderr()).isEmpty();
    }
  }

  /** Sends raw bytes and returns {status line, body}; reads until the connection closes or the body ends. */
  static String[] raw(URI url, byte[] request, Duration timeout) throws IOException {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout((int) timeout.toMillis());
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before it has read everything; the answer is still there
      }
      return readResponse(s.getInputStream());
    }
  }

  static String[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    String status = headers.lines().findFirst().orElse("");
    int length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(-1);
    byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new String[] {status, new String(body, StandardCharsets.UTF_8)};
  }
}
