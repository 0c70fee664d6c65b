package dev.taskorchestrator.budget;

import java.util.List;

/**
 * Input-token counts for reservations, without a tokenizer.
 *
 * <p>{@link #upperBound} is a true worst case for the byte-level tokenizers of current models
 * (OpenAI's tiktoken, Anthropic's, SentencePiece with byte fallback): a token always covers at least
 * one UTF-8 byte, so a text never has more tokens than bytes. Message framing adds a few tokens per
 * message, counted by {@link #PER_MESSAGE_OVERHEAD}. The bound is about 3–4 times the typical count
 * for English text: reserving with it is safe but holds more money while a call is in flight.
 */
public final class TokenEstimator {

  /** Tokens added per message by chat formats (role markers, separators). */
  public static final int PER_MESSAGE_OVERHEAD = 8;

  private TokenEstimator() {}

  /** At most this many input tokens for these message texts (system prompt, messages, tool results). */
  public static long upperBound(List<? extends CharSequence> messages) {
    long total = PER_MESSAGE_OVERHEAD;
    for (CharSequence m : messages) {
      total += utf8Bytes(m) + PER_MESSAGE_OVERHEAD;
    }
    return total;
  }

  /** UTF-8 length without encoding the text. */
  static long utf8Bytes(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
