package dev.taskorchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session whose client went away without a DELETE ends once idle, and cancels what it left running. */
class HttpSessionsTest {

  @Test
  @Timeout(30)
  void aSessionIdleWithNoOpenStreamEndsAndCancelsTheCallsItLeftRunning() throws Exception {
    try (HttpSessions sessions = new HttpSessions(McpJsonDefaults.getMapper(), Duration.ofSeconds(10),
        Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(50))) {
      ClientSession session = sessions.add(new McpStreamableServerSession("s-1", McpSchema.ClientCapabilities.builder()
          .build(), new McpSchema.Implementation("t", "1"), Duration.ofSeconds(10), Map.of(), Map.of()));
      CountDownLatch cancelled = new CountDownLatch(1);
      session.calls().open(new McpSchema.JSONRPCRequest("tools/call", 7, Map.of()), session::toListening,
          session.toListening())
          .onCancel(cancelled::countDown);

      assertThat(cancelled.await(20, TimeUnit.SECONDS)).as("the running call was cancelled").isTrue();
      assertThat(sessions.find("s-1")).isEmpty();
    }
  }
}
