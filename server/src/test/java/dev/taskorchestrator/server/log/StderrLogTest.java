package dev.taskorchestrator.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StderrLogTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream realErr;

  @BeforeEach
  void captureStderr() {
    realErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(realErr);
    StderrLog.level("info");
  }

  private List<String> lines() {
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Exception failure() {
    return new RuntimeException("Failed to start process with command: [nope]",
        new IOException("Cannot run program \"nope\": java.io.IOException: error=2, No such file or directory"));
  }

  @Test
  void aLoggedFailureIsOneLineWithItsCausesAndNoStackTrace() {
    StderrLog.level("info");
    LoggerFactory.getLogger("dev.taskorchestrator.agents.ToolServerConnection").warn("tool server {} failed", "files",
        failure());

    assertThat(lines()).singleElement().asString()
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[WARN] ToolServerConnection - tool server files failed "
            + "\\(Failed to start process with command: \\[nope]; Cannot run program \"nope\": IOException: error=2, "
            + "No such file or directory\\)");
  }

  @Test
  void atDebugTheStackTraceFollowsTheLine() {
    StderrLog.level("debug");
    LoggerFactory.getLogger("dev.taskorchestrator.x.Y").error("broke", failure());

    assertThat(lines().get(0)).endsWith("[ERROR] Y - broke");
    assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("\tat "));
  }

  @Test
  void theLevelAppliesToLoggersMadeBeforeItWasSet() {
    var early = LoggerFactory.getLogger("dev.taskorchestrator.early.Made");
    StderrLog.level("warn");
    early.info("not shown");
    early.warn("shown");
    StderrLog.level("debug");
    early.debug("now shown");

    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).endsWith("[DEBUG] Made - now shown");
  }

  @Test
  void librariesSayOnlyWarningsAtInfoAndEverythingAtDebug() {
    StderrLog.level("info");
    LoggerFactory.getLogger("io.modelcontextprotocol.server.McpAsyncServer").info("Client initialize request");
    java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase").info("leak detection");
    java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter")
        .log(java.util.logging.Level.SEVERE, "Failed to export spans.", failure());
    // An export failure is telemetry's; the server goes on (the spans are counted as dropped): a warning.
    assertThat(lines()).singleElement().asString().contains("[WARN] HttpExporter - Failed to export spans. (Failed to ")
        .doesNotContain("\tat ");

    captured.reset();
    StderrLog.level("debug");
    LoggerFactory.getLogger("io.modelcontextprotocol.server.McpAsyncServer").info("Client initialize request");
    assertThat(lines()).singleElement().asString().endsWith("[INFO] McpAsyncServer - Client initialize request");
  }

  @Test
  void theJdksOwnDebugChatterStaysOutAtDebug() {
    StderrLog.level("debug");
    java.util.logging.Logger.getLogger("java.lang.ProcessBuilder").log(java.util.logging.Level.FINE, "start", failure());
    assertThat(lines()).isEmpty();
  }

  @Test
  void aMultiLineMessageStaysOneLine() {
    StderrLog.level("info");
    LoggerFactory.getLogger("a.B").info("first\nsecond\n  third");
    assertThat(lines()).singleElement().asString().endsWith("B - first | second | third");
  }
}
