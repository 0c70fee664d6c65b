package dev.taskorchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An event written from a thread whose interrupt flag is set (a cancelled task's, sending a notice) still
 * goes out: Tomcat's channel refuses to write from an interrupted thread, as the output here does, and the
 * interrupt is a request to stop the task, not to drop what the client is owed.
 */
class SseConnectionTest {

  /** Output that refuses interrupted writers, as Tomcat's NIO channel does. */
  private static final class RefusesInterruptedWriters extends ServletOutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      if (Thread.currentThread().isInterrupted()) {
        throw new IOException("The current thread was interrupted");
      }
      written.write(b);
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException();
    }
  }

  private static HttpServletResponse responseWriting(ServletOutputStream out) {
    return (HttpServletResponse) Proxy.newProxyInstance(SseConnectionTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getOutputStream" -> out;
          case "isCommitted" -> false;
          default -> null;
        });
  }

  @Test
  void anEventSentFromAnInterruptedThreadIsWrittenAndTheInterruptKept() throws Exception {
    RefusesInterruptedWriters out = new RefusesInterruptedWriters();
    SseConnection connection = SseConnection.start(responseWriting(out), "3-0");

    Thread.currentThread().interrupt();
    boolean sent;
    try {
      sent = connection.send("3-1", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}");
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the task").isTrue();
    }

    assertThat(sent).isTrue();
    assertThat(connection.isOpen()).isTrue();
    assertThat(out.written.toString(StandardCharsets.UTF_8)).isEqualTo("id: 3-0\nretry: 1000\ndata: \n\n"
        + "id: 3-1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n");
  }
}
