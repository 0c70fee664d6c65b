package dev.taskorchestrator.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/** Applies content capture: records (truncated) content, or only its length when capture is off. */
record ContentPolicy(boolean capture, int maxChars) {

  static final String TRUNCATION_MARK = "…[truncated ";

  /** Sets {@code key} to the content (or nothing when capture is off) and {@code lengthKey} to its length. */
  void record(Span span, AttributeKey<String> key, AttributeKey<Long> lengthKey, String content) {
    if (content == null) {
      return;
    }
    span.setAttribute(lengthKey, (long) content.length());
    if (capture) {
      span.setAttribute(key, truncate(content));
    }
  }

  String truncate(String content) {
    if (content.length() <= maxChars) {
      return content;
    }
    int dropped = content.length() - maxChars;
    return content.substring(0, maxChars) + TRUNCATION_MARK + dropped + " chars]";
  }
}
