package dev.taskorchestrator.patterns;

import dev.taskorchestrator.redaction.Redactor;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error message into its stable shape: the parts that differ between two occurrences of
 * the same failure (numbers, ids, UUIDs, hex, timestamps, paths, URL query strings, quoted values,
 * secrets) become placeholders such as {@code <num>} and {@code <uuid>}.
 */
final class MessageNormaliser {

  static final int MAX_LENGTH = 500;

  /** Placeholder words; text matching ignores them. */
  static final List<String> PLACEHOLDERS =
      List.of("secret", "ts", "uuid", "query", "path", "str", "hex", "id", "num");

  private record Rule(Pattern pattern, String replacement) {}

  // Order matters: timestamps before numbers, UUIDs before hex, URLs before paths.
  private static final List<Rule> RULES = List.of(
      rule("\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b",
          "<ts>"),
      rule("\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b", "<ts>"),
      rule("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", "<uuid>"),
      rule("(?i)(\\b[a-z][a-z0-9+.\\-]*://[^\\s?#\"'<>]*)[?#][^\\s\"'<>]*", "$1?<query>"),
      rule("\"[^\"\\n]{0,300}\"", "\"<str>\""),
      rule("`[^`\\n]{0,300}`", "`<str>`"),
      rule("(?<![\\w'])'[^'\\n]{0,300}'(?![\\w'])", "'<str>'"),
      rule("(?<![\\w:/.~])(?:~|\\.{1,2})?(?:/[\\w.@+\\-]+){2,}/?", "<path>"),
      rule("\\b[A-Za-z]:\\\\[^\\s\"';,]+", "<path>"),
      rule("\\b0x[0-9a-fA-F]+\\b", "<hex>"),
      rule("\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b", "<hex>"),
      rule("\\b(?=[\\w\\-]*\\d)(?=[\\w\\-]*[A-Za-z])[A-Za-z0-9][\\w\\-]{7,}\\b", "<id>"));

  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w])");
  private static final Pattern STATUS_BEFORE =
      Pattern.compile("(?i)\\b(?:http(?:/\\d(?:\\.\\d)?)?|status|code)[\\s:=]{0,3}$");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private MessageNormaliser() {}

  private static Rule rule(String regex, String replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }

  static String normalise(String message, Redactor redactor) {
    // The mask becomes a placeholder like the others, which text matching ignores.
    String out = redactor.redact(message).replace(Redactor.MASK, "<secret>");
    for (Rule r : RULES) {
      out = r.pattern().matcher(out).replaceAll(r.replacement());
    }
    out = replaceNumbers(out);
    out = SPACES.matcher(out).replaceAll(" ").strip();
    return out.isEmpty() ? "<empty>" : Texts.truncate(out, MAX_LENGTH);
  }

  /** Numbers become {@code <num>}, except HTTP status codes (429 and 503 are different failures). */
  private static String replaceNumbers(String text) {
    Matcher m = NUMBER.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String before = text.substring(Math.max(0, m.start() - 12), m.start());
      boolean status = m.group().length() == 3 && m.group().charAt(0) >= '1' && m.group().charAt(0) <= '5'
          && !m.group().contains(".") && STATUS_BEFORE.matcher(before).find();
      m.appendReplacement(sb, status ? m.group() : "<num>");
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
