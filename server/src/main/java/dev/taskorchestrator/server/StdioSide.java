package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ServerSettings;
import dev.taskorchestrator.server.stdio.GuardedInput;
import dev.taskorchestrator.server.stdio.PendingRequests;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The stdio streams, the JSON-RPC gate and the SDK transport, opened before anything else so that
 * {@code initialize} is answered at once: the answer is static (server info, capabilities, the SDK's
 * version negotiation), and a client times out waiting for it. The line limit is provisional until the
 * configuration is bound ({@link GuardedInput#maxLineBytes(int)}).
 */
record StdioSide(PendingRequests pending, GuardedInput guarded, StdioServerTransportProvider transport,
    java.io.OutputStream protocolOut) {

  /** Long enough for a client, which sends initialize right after spawning us; short enough to not matter. */
  private static final Duration FIRST_MESSAGE_WAIT = Duration.ofMillis(300);

  static StdioSide open(McpJsonMapper json, InputStream in, PrintStream out, Runnable onEof) {
    var pending = new PendingRequests();
    var protocolOut = pending.tracking(out);
    var guarded = new GuardedInput(in, protocolOut, new JsonRpcGate(json), ServerSettings.defaults().maxRequestBytes(),
        pending, onEof);
    var transport = new StdioServerTransportProvider(json, guarded, protocolOut);
    List<String> versions = transport.protocolVersions();
    guarded.answerInitializeEarly(line -> McpServerSetup.initializeResponse(json, versions, line));
    return new StdioSide(pending, guarded, transport, protocolOut);
  }

  /**
   * The server could not start, and no server will read these streams: every request the client sent or
   * sends (until it closes stdin or goes quiet) is answered with an error carrying {@code message}.
   */
  void refuseAll(String message) throws InterruptedException {
    guarded.cancelEarlyAnswer();
    guarded.release(); // the end of input is then the end, not a wait for a server that never comes
    StartFailureAnswers.answer(guarded, protocolOut, message, StartFailureAnswers.QUIET, StartFailureAnswers.AT_MOST);
  }

  /**
   * Waits until the first message has been answered (or a short while), so that the start-up work that
   * follows does not compete with that answer for the CPU.
   */
  StdioSide awaitFirstMessage() throws InterruptedException {
    guarded.awaitFirstMessage(FIRST_MESSAGE_WAIT);
    return this;
  }
}
