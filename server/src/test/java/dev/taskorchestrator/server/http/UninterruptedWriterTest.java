package dev.taskorchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UninterruptedWriterTest {

  /** Like Tomcat's NIO channel: refuses to write from an interrupted thread (and clears the flag). */
  private static final class RefusesWhenInterrupted extends Writer {
    final StringWriter written = new StringWriter();
    boolean refused;

    @Override
    public void write(char[] chars, int off, int len) {
      if (Thread.interrupted()) {
        refused = true;
        return;
      }
      written.write(chars, off, len);
    }

    @Override
    public void flush() {
      if (Thread.interrupted()) {
        refused = true;
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void writesAnEventFromAnInterruptedThreadAndKeepsTheInterruptFlag() {
    RefusesWhenInterrupted socket = new RefusesWhenInterrupted();
    PrintWriter writer = new UninterruptedWriter(new PrintWriter(socket));
    Thread.currentThread().interrupt();
    try {
      writer.write("event: message\n");
      writer.print("data: {}\n\n");
      writer.flush();
      assertThat(writer.checkError()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag restored").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(socket.refused).isFalse();
    assertThat(socket.written.toString()).isEqualTo("event: message\ndata: {}\n\n");
  }

  @Test
  void reportsAFailedWriteOfTheUnderlyingWriter() {
    PrintWriter broken = new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int off, int len) throws java.io.IOException {
        throw new java.io.IOException("gone");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    PrintWriter writer = new UninterruptedWriter(broken);
    writer.write("data: x\n\n");
    assertThat(writer.checkError()).isTrue();
  }

  @Test
  void leavesTheConnectionHeaderToTomcatExceptOurOwnClose() {
    List<String> headers = new ArrayList<>();
    HttpServletResponse recording = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
          if (method.getName().equals("setHeader") || method.getName().equals("addHeader")) {
            headers.add(args[0] + ": " + args[1]);
          }
          return method.getReturnType() == boolean.class ? false : method.getReturnType() == int.class ? 0 : null;
        });
    CleanErrorResponse response = new CleanErrorResponse(recording);
    response.setHeader("Connection", "keep-alive");
    response.addHeader("connection", "Keep-Alive");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("Connection", "close");
    assertThat(headers).containsExactly("Cache-Control: no-cache", "Connection: close");
  }
}
