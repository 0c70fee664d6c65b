package dev.taskorchestrator.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in a message with {@value #MARK} before anything is stored: OpenAI and Anthropic
 * keys ({@code sk-…}, {@code sk-ant-…}), Bearer and Basic credentials, {@code api_key=…}-style
 * assignments, URL user-info, common cloud/VCS tokens, and any extra regexes configured.
 */
public final class SecretRedactor {

  public static final String MARK = "<secret>";

  private static final List<Pattern> BUILT_IN = List.of(
      Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{6,}"),
      Pattern.compile("sk-[A-Za-z0-9_\\-]{12,}"),
      Pattern.compile("(?i)(?<=\\bbearer\\s{1,5})[A-Za-z0-9._~+/=\\-]{8,}"),
      // Basic credentials are base64: demand a digit or +/= so "basic structure" is left alone.
      Pattern.compile("(?i)(?<=\\bbasic\\s{1,5})(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{6,}={0,2}"),
      Pattern.compile("(?i)(?<=\\b(?:api[_-]?key|x-api-key|access[_-]?token|token|password|passwd|secret|"
          + "client[_-]?secret)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)[^\\s\"'&,;]{4,}"),
      Pattern.compile("(?<=://)[^/\\s:@]+:[^/\\s@]+(?=@)"),
      Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
      Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}\\b"),
      Pattern.compile("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}\\b"),
      Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"));

  private static final SecretRedactor DEFAULT = new SecretRedactor(List.of());

  private final List<Pattern> patterns;

  private SecretRedactor(List<Pattern> extra) {
    List<Pattern> all = new ArrayList<>(BUILT_IN);
    all.addAll(extra);
    this.patterns = List.copyOf(all);
  }

  /** The built-in rules only. */
  public static SecretRedactor ofDefaults() {
    return DEFAULT;
  }

  /** The built-in rules plus {@code extraRegexes} (each match is replaced whole). */
  public static SecretRedactor withExtra(List<String> extraRegexes) {
    Objects.requireNonNull(extraRegexes, "extraRegexes is null");
    return extraRegexes.isEmpty() ? DEFAULT
        : new SecretRedactor(extraRegexes.stream().map(Pattern::compile).toList());
  }

  /** {@code text} with every secret replaced by {@value #MARK}. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text is null");
    String out = text;
    for (Pattern p : patterns) {
      Matcher m = p.matcher(out);
      if (m.find()) {
        out = m.replaceAll(Matcher.quoteReplacement(MARK));
      }
    }
    return out;
  }
}
