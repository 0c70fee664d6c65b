package dev.taskorchestrator.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values the server knows (API keys, tokens, passwords), masked wherever they occur, longest
 * first, and also when only part of one is echoed: a service that quotes a key minus its last characters
 * (or minus its first) still gives away most of it. A run that agrees with a secret's first or last
 * {@link #partLength(int)} characters is masked together with the rest of the token it stands in.
 */
final class KnownSecrets {

  /** Values shorter than this are not treated as secrets: masking them would mangle ordinary text. */
  static final int MIN_LENGTH = 6;
  private static final int MIN_PART = 8;
  private static final int MAX_PART = 12;

  static final KnownSecrets NONE = new KnownSecrets(List.of());

  private record Secret(String value, String head, String tail, Shapes.Seen headChars, Shapes.Seen tailChars) {}

  private final List<Secret> secrets;

  private KnownSecrets(List<Secret> secrets) {
    this.secrets = secrets;
  }

  static KnownSecrets of(Collection<String> values) {
    Set<String> unique = new LinkedHashSet<>();
    for (String v : values) {
      if (v != null && v.strip().length() >= MIN_LENGTH) {
        unique.add(v.strip());
      }
    }
    List<String> sorted = new ArrayList<>(unique);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    List<Secret> secrets = new ArrayList<>(sorted.size());
    for (String v : sorted) {
      int part = partLength(v.length());
      String head = v.substring(0, part);
      String tail = v.substring(v.length() - part);
      secrets.add(new Secret(v, head, tail, Shapes.Seen.of(head), Shapes.Seen.of(tail)));
    }
    return new KnownSecrets(List.copyOf(secrets));
  }

  /**
   * How many leading or trailing characters of a secret give it away: half of it, at least 8 and at most 12
   * (never more than the whole). Twelve characters of a random key are no everyday word, and half of a
   * short one is most of what guessing it would take.
   */
  static int partLength(int length) {
    return Math.min(length, Math.max(MIN_PART, Math.min(MAX_PART, (length + 1) / 2)));
  }

  List<String> values() {
    return secrets.stream().map(Secret::value).toList();
  }

  boolean isEmpty() {
    return secrets.isEmpty();
  }

  /**
   * {@code text} with every known secret, whole or in part, masked; the same instance when none occurs.
   * {@code seen} is what {@code text} holds: a secret whose head (or tail) has a character it lacks is not
   * searched for (the whole secret holds its head).
   */
  String redact(String text, String mask, Shapes.Seen seen) {
    String result = text;
    for (Secret s : secrets) {
      boolean head = seen.holdsAll(s.headChars(), false);
      if (head && result.contains(s.value())) {
        result = result.replace(s.value(), mask);
      }
      if (head && result.contains(s.head())) {
        result = maskParts(result, s, true, mask);
      }
      if (seen.holdsAll(s.tailChars(), false) && result.contains(s.tail())) {
        result = maskParts(result, s, false, mask);
      }
    }
    return result;
  }

  /** Masks each occurrence of the secret's head (or tail), extended to the whole token around it. */
  private static String maskParts(String text, Secret s, boolean head, String mask) {
    String part = head ? s.head() : s.tail();
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, Math.max(at + 1, copied))) {
      int start = tokenStart(text, at);
      int end = tokenEnd(text, at + part.length());
      out.append(text, copied, Math.max(copied, start)).append(mask);
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static int tokenStart(String text, int from) {
    int i = from;
    while (i > 0 && isTokenChar(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static int tokenEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isTokenChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Characters keys and tokens are made of (base64, base64url, hex, the dashes and dots of key prefixes). */
  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '-' || c == '_' || c == '.' || c == '+' || c == '/' || c == '=' || c == '~';
  }
}
