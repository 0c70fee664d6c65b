package dev.taskorchestrator.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedactingOutputStreamTest {

  private static final String KEY = "zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY";

  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private final AtomicReference<Redactor> redactor = new AtomicReference<>(Redactor.ofDefaults());
  private final PrintStream err = new PrintStream(new RedactingOutputStream(sink, redactor::get), true,
      StandardCharsets.UTF_8);

  private String written() {
    return sink.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyPrintedLineAndStackTraceIsRedactedWithTheRedactorOfTheMoment() {
    err.println("before: key " + KEY);
    redactor.set(Redactor.of(List.of(KEY), List.of()));
    err.println("after: key " + KEY.substring(0, KEY.length() - 1));
    new IllegalStateException("401 for Bearer abcdefgh12345 and " + KEY).printStackTrace(err);
    assertThat(written()).contains("before: key " + KEY).contains("after: key [REDACTED]")
        .contains("IllegalStateException: 401 for Bearer [REDACTED] and [REDACTED]")
        .contains("at dev.taskorchestrator.redaction.RedactingOutputStreamTest");
    assertThat(written().split("\n")).filteredOn(l -> l.startsWith("after") || l.contains("Exception"))
        .noneMatch(l -> l.contains(KEY.substring(0, 8)));
  }

  @Test
  void aMultiLinePemKeyPrintedAtOnceIsMaskedOnEveryLine() {
    err.println("loaded:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n"
        + "-----END PRIVATE KEY-----\nnext");
    assertThat(written()).isEqualTo("loaded:\n[REDACTED]\nnext\n");
  }

  @Test
  void aPemKeyRelayedOneLinePerRecordIsMaskedUntilItsEndLine() {
    err.println("tool stderr: java.lang.IllegalStateException: -----BEGIN RSA PRIVATE KEY-----");
    err.println("tool stderr: T19a6P/qVPGAmXUSLJ9m4zTwUp5dnVnb8CRLVlX9qKRlCoRUpYkS1auGGd1AKc98");
    err.println("tool stderr: qbed2bZWWmZOIgYT46vKSmOs90rneyaw1oVrk1At");
    err.println("tool stderr: -----END RSA PRIVATE KEY-----");
    err.println("tool stderr: at Main.main(Main.java:12) ABCDEFGHIJKLMNOPQRSTUV");
    assertThat(written()).isEqualTo("""
        tool stderr: java.lang.IllegalStateException: [REDACTED]
        tool stderr: [REDACTED]
        tool stderr: [REDACTED]
        tool stderr: [REDACTED]
        tool stderr: at Main.main(Main.java:12) ABCDEFGHIJKLMNOPQRSTUV
        """);
  }

  @Test
  void textIsHeldUntilFlushedAndMultiByteCharactersAreNotCut() throws Exception {
    RedactingOutputStream out = new RedactingOutputStream(sink, redactor::get);
    byte[] euro = "€ Bearer abcdefgh12345".getBytes(StandardCharsets.UTF_8);
    out.write(euro, 0, 2);
    out.flush();
    assertThat(sink.size()).isZero();
    out.write(euro, 2, euro.length - 2);
    out.flush();
    assertThat(written()).isEqualTo("€ Bearer [REDACTED]");
  }

  @Test
  void aWriterThatNeverFlushesIsLetOutAtTheLimit() throws Exception {
    RedactingOutputStream out = new RedactingOutputStream(sink, redactor::get);
    out.write(new byte[RedactingOutputStream.MAX_HELD]);
    assertThat(sink.size()).isEqualTo(RedactingOutputStream.MAX_HELD);
  }
}
