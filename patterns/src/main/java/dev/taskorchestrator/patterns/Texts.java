package dev.taskorchestrator.patterns;

import java.util.Objects;

/** Small string helpers shared by the value types. */
final class Texts {

  /** Longest advice or reason text a pattern keeps (the prompt block cuts further). */
  static final int MAX_ADVICE_STORED = 2_000;

  private Texts() {}

  static String requireText(String text, String name) {
    Objects.requireNonNull(text, name + " is null");
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return truncate(stripped, MAX_ADVICE_STORED);
  }

  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
