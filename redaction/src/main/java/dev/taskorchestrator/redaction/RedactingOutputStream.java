package dev.taskorchestrator.redaction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UTF-8 text stream that redacts what is written before the stream below sees it: bytes are held until a
 * flush (an autoflush {@link java.io.PrintStream} flushes after every line it prints, a log framework after
 * every record), then the held text is redacted as one piece, so a secret printed across the lines of one
 * record (a PEM key in an exception message) is masked whole. A PEM key relayed one line per record (another
 * process's stderr, logged line by line) is followed across records: after a {@code BEGIN … PRIVATE KEY}
 * line without its {@code END}, base64 runs are masked until the {@code END} line. Put it under
 * {@code System.err} and no log line, stack trace or stray print carries a secret.
 */
public final class RedactingOutputStream extends OutputStream {

  /** Held text is let out at this size even without a flush, so a writer that never flushes cannot grow it. */
  static final int MAX_HELD = 64 * 1024;

  private final OutputStream out;
  private final Supplier<Redactor> redactor;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private boolean insidePemKey;

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern PEM_END = Pattern.compile("-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{16,}");

  /** @param redactor asked for the redactor at each flush (it may learn more secrets once configured) */
  public RedactingOutputStream(OutputStream out, Supplier<Redactor> redactor) {
    this.out = Objects.requireNonNull(out, "out is null");
    this.redactor = Objects.requireNonNull(redactor, "redactor is null");
  }

  @Override
  public synchronized void write(int b) throws IOException {
    held.write(b);
    if (held.size() >= MAX_HELD) {
      release();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    held.write(b, off, len);
    if (held.size() >= MAX_HELD) {
      release();
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    release();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    out.close();
  }

  private void release() throws IOException {
    if (held.size() == 0) {
      return;
    }
    byte[] bytes = held.toByteArray();
    int complete = completeLength(bytes);
    String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
    held.reset();
    held.write(bytes, complete, bytes.length - complete);
    String redacted = redactor.get().redact(continuePemKey(text));
    if (redacted == text) {
      out.write(bytes, 0, complete);
    } else {
      out.write(redacted.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Masks what a PEM key begun in an earlier record left in this one; notes a key begun and not ended here. */
  private String continuePemKey(String text) {
    String result = text;
    if (insidePemKey) {
      Matcher end = PEM_END.matcher(text);
      boolean ends = end.find();
      int cut = ends ? end.end() : text.length();
      result = Shapes.replace(BASE64_RUN, text.substring(0, cut), Redactor.MASK)
          .replaceAll(PEM_END.pattern(), Redactor.MASK) + text.substring(cut);
      insidePemKey = !ends;
    }
    Matcher begin = PEM_BEGIN.matcher(result);
    int lastBegin = -1;
    while (begin.find()) {
      lastBegin = begin.end();
    }
    if (lastBegin >= 0 && !PEM_END.matcher(result).region(lastBegin, result.length()).find()) {
      insidePemKey = true;
    }
    return result;
  }

  /** The length of {@code bytes} without a UTF-8 sequence cut short at its end (kept for the next write). */
  static int completeLength(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if (b < 0x80) {
        return n;
      }
      if (b >= 0xC0) {
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return needed > back ? n - back : n;
      }
    }
    return n;
  }
}
