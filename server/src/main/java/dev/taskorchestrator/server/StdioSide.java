package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ServerSettings;
import dev.taskorchestrator.server.stdio.GuardedInput;
import dev.taskorchestrator.server.stdio.StdioMcpTransport;
import dev.taskorchestrator.server.stdio.StdoutWriter;
import dev.taskorchestrator.server.transport.ClientRequests;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The stdio streams, the JSON-RPC gate and the transport, opened before anything else so that
 * {@code initialize} is answered at once: the answer is static (server info, capabilities, the version
 * negotiation), and a client times out waiting for it. The line limit and the request timeout are
 * provisional until the configuration is bound.
 */
final class StdioSide {

  /** Long enough for a client, which sends initialize right after spawning us; short enough to not matter. */
  private static final Duration FIRST_MESSAGE_WAIT = Duration.ofMillis(300);

  private final McpJsonMapper json;
  private final GuardedInput guarded;
  private final StdoutWriter writer;

  private StdioSide(McpJsonMapper json, GuardedInput guarded, StdoutWriter writer) {
    this.json = json;
    this.guarded = guarded;
    this.writer = writer;
  }

  static StdioSide open(McpJsonMapper json, InputStream in, OutputStream out, Runnable onEof) {
    var writer = new StdoutWriter(out);
    var guarded = new GuardedInput(in, writer, new JsonRpcGate(json), ServerSettings.defaults().maxRequestBytes(),
        onEof);
    guarded.answerInitializeEarly(line -> McpServerSetup.initializeResponse(json, line));
    return new StdioSide(json, guarded, writer);
  }

  /**
   * The server could not start, and no server will read these streams: every request the client sent or
   * sends (until it closes stdin or goes quiet) is answered with an error carrying {@code message}.
   */
  void refuseAll(String message) throws InterruptedException {
    guarded.cancelEarlyAnswer();
    StartFailureAnswers.answer(guarded, writer, message, StartFailureAnswers.QUIET, StartFailureAnswers.AT_MOST);
    writer.close(StartFailureAnswers.QUIET);
  }

  /**
   * Waits until the first message has been answered (or a short while), so that the start-up work that
   * follows does not compete with that answer for the CPU.
   */
  StdioSide awaitFirstMessage() throws InterruptedException {
    guarded.awaitFirstMessage(FIRST_MESSAGE_WAIT);
    return this;
  }

  /** The transport, with the configuration's limits; reading starts when the MCP server is built on it. */
  StdioMcpTransport transport(ServerSettings settings) {
    guarded.maxLineBytes(settings.maxRequestBytes());
    return new StdioMcpTransport(json, guarded, writer, McpServerSetup.PROTOCOL_VERSIONS,
        new ClientRequests(json, settings.requestTimeout(), Duration.ZERO));
  }
}
