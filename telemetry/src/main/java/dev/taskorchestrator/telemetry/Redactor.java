package dev.taskorchestrator.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text: the literal values of configured secrets, well-known API key shapes
 * ({@code sk-...}, {@code sk-ant-...}, {@code pk-lf-...}, GitHub, AWS and Google keys), the token
 * after {@code Bearer}/{@code Basic}, {@code api_key=...}-style assignments, and configured regexes.
 * Thread-safe; used on every exported attribute value, event, status message and span name.
 */
public final class Redactor {

  /** What a removed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  private static final String BUILT_IN =
      "sk-ant-[A-Za-z0-9_\\-]{8,}"
          + "|\\b(?:sk|pk|rk)-[A-Za-z0-9_\\-]{12,}"
          + "|\\bgh[pousr]_[A-Za-z0-9]{20,}"
          + "|\\bgithub_pat_[A-Za-z0-9_]{20,}"
          + "|\\bAKIA[0-9A-Z]{16}\\b"
          + "|\\bAIza[0-9A-Za-z_\\-]{35}"
          + "|\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"
          // The word before a secret is matched and kept (group "keep"), not looked behind for: a
          // look-behind is tried at every position of every exported string, which dominated export CPU.
          + "|(?<keepa>(?i:bearer)\\s{1,5})[A-Za-z0-9._~+/=\\-]{8,}"
          + "|(?<keepb>(?i:basic)\\s{1,5})[A-Za-z0-9+/=]{8,}"
          + "|(?<keepc>(?i:api[_-]?key|secret|token|password|passwd)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)"
          + "(?!(?i:bearer|basic)\\s)[^\\s\"',;}&]{6,}";

  private static final Pattern BUILT_IN_PATTERN = Pattern.compile(BUILT_IN);

  /**
   * Every built-in alternative starts with one of these (case-sensitive) or contains one of the
   * next ones (any ASCII case). A string holding none of them cannot match, and most exported
   * strings hold none: a few {@code indexOf} scans replace the alternation tried at every position.
   */
  private static final String[] NEEDLES = {
      "sk-", "pk-", "rk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "AKIA", "AIza", "xox"};
  private static final String[] NEEDLES_ANY_CASE = {"bearer", "basic", "api", "secret", "token", "passw"};

  private final List<String> literals;
  private final Pattern extra;

  private Redactor(List<String> literals, Pattern extra) {
    this.literals = literals;
    this.extra = extra;
  }

  /**
   * @param secretValues literal secrets to remove wherever they occur (blank values are ignored)
   * @param extraPatterns extra regular expressions whose whole match is removed
   */
  public static Redactor of(List<String> secretValues, List<String> extraPatterns) {
    List<String> literals = new ArrayList<>();
    for (String v : secretValues) {
      if (v != null && !v.isBlank()) {
        literals.add(v);
      }
    }
    // Longest first, so a secret that contains another is removed whole.
    literals.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder regex = new StringBuilder();
    for (String p : extraPatterns) {
      regex.append(regex.isEmpty() ? "" : "|").append("(?:").append(p).append(')');
    }
    return new Redactor(List.copyOf(literals), regex.isEmpty() ? null : Pattern.compile(regex.toString()));
  }

  /** A redactor for the settings' secret values and patterns. */
  public static Redactor of(TelemetrySettings settings) {
    return of(settings.secretValues(), settings.secretPatterns());
  }

  /** The text with every secret replaced by {@value #MASK}; the same instance when nothing matched. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text is null");
    String result = text;
    for (String literal : literals) {
      if (result.contains(literal)) {
        result = result.replace(literal, MASK);
      }
    }
    if (mayHoldBuiltInSecret(result)) {
      result = replace(BUILT_IN_PATTERN, result, true);
    }
    return extra == null ? result : replace(extra, result, false);
  }

  /** Replaces every match; for the built-in pattern the word before the secret is kept. */
  private static String replace(Pattern pattern, String text, boolean keepWord) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    m.reset();
    return m.replaceAll(r -> Matcher.quoteReplacement((keepWord ? kept(r) : "") + MASK));
  }

  static boolean mayHoldBuiltInSecret(String text) {
    for (String needle : NEEDLES) {
      if (text.contains(needle)) {
        return true;
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String needle : NEEDLES_ANY_CASE) {
      if (lower.contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private static String kept(java.util.regex.MatchResult r) {
    for (String group : KEPT) {
      String k = r.group(group);
      if (k != null) {
        return k;
      }
    }
    return "";
  }

  private static final String[] KEPT = {"keepa", "keepb", "keepc"};
}
