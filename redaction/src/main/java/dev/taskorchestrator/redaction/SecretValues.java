package dev.taskorchestrator.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which configured values are secrets: those of environment variables and headers whose name says so
 * ({@code *_API_KEY}, {@code *_TOKEN}, {@code *SECRET*}, {@code *PASSWORD*}, {@code Authorization},
 * {@code X-Api-Key}, …) and that look like a credential (one word of at least 8 characters, not a path,
 * URL, number or boolean), and any value of a known secret shape.
 */
public final class SecretValues {

  static final int MIN_LENGTH = 8;

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(?:key|secret|token|passw|pwd|credential|auth(?!ors?(?![a-z]))|cookie).*");
  private static final Pattern SCHEME = Pattern.compile("(?i)(?:bearer|basic|token|apikey)\\s+(\\S+)");

  private SecretValues() {}

  /** Whether a variable or header called {@code name} holds a secret by its name. */
  public static boolean isSecretName(String name) {
    return name != null && SECRET_NAME.matcher(name.strip()).matches();
  }

  /** Whether {@code value} could be a credential: one word, long enough, and not a path, URL, number or flag. */
  public static boolean looksLikeCredential(String value) {
    if (value == null) {
      return false;
    }
    String v = value.strip();
    if (v.length() < MIN_LENGTH || v.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    char first = v.charAt(0);
    String lower = v.toLowerCase(Locale.ROOT);
    return first != '/' && first != '~' && first != '.' && !lower.contains("://") && !v.matches("[0-9.,:_-]+")
        && !lower.equals("true") && !lower.equals("false");
  }

  /** Whether {@code value} has the shape of a secret ({@code sk-…}, {@code ghp_…}, a JWT, …). */
  public static boolean hasSecretShape(String value) {
    return value != null && !Shapes.redact(value, Redactor.MASK).equals(value);
  }

  /**
   * The secrets among named values (an environment, a server's {@code env} or {@code headers}): the values of
   * secret names that look like credentials, and values of a secret shape under any name. Of a header value
   * such as {@code Bearer abc…} both the whole and the credential after the scheme are secrets.
   */
  public static List<String> among(Map<String, String> named) {
    List<String> secrets = new ArrayList<>();
    named.forEach((name, value) -> {
      if (value == null || value.isBlank()) {
        return;
      }
      String v = value.strip();
      var scheme = SCHEME.matcher(v);
      if (isSecretName(name) && scheme.matches() && looksLikeCredential(scheme.group(1))) {
        secrets.add(v);
        secrets.add(scheme.group(1));
      } else if (isSecretName(name) && looksLikeCredential(v) || hasSecretShape(v)) {
        secrets.add(v);
      }
    });
    return secrets;
  }
}
