package dev.taskorchestrator.patterns;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words of a text as the FTS5 {@code unicode61} tokenizer sees them, minus stop words and
 * placeholders; and the FTS5 queries built from them (every word quoted, so user text is never
 * parsed as FTS5 syntax).
 */
final class TextTerms {

  static final int MAX_QUERY_TERMS = 32;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP = Set.of(
      "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do",
      "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
      "me", "my", "no", "not", "of", "on", "or", "our", "please", "so", "than", "that", "the", "their",
      "them", "then", "there", "these", "this", "to", "was", "we", "were", "what", "when", "which",
      "while", "who", "will", "with", "you", "your", "error", "failed", "failure", "exception");

  private TextTerms() {}

  /** The distinct significant words, lower-cased, in order of first appearance. */
  static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (w.length() > 1 && !STOP.contains(w) && !MessageNormaliser.PLACEHOLDERS.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** All distinct words, lower-cased (for user queries, where even a stop word may be meant). */
  static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(m.group().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** {@code "a" OR "b" …} over at most {@value #MAX_QUERY_TERMS} words; empty if none. */
  static String anyOf(Set<String> terms) {
    StringJoiner j = new StringJoiner(" OR ");
    terms.stream().limit(MAX_QUERY_TERMS).forEach(t -> j.add(quote(t)));
    return j.toString();
  }

  /** Share of {@code patternTerms} found in {@code taskTerms}, or 0 if too few words match. */
  static double coverage(Set<String> patternTerms, Set<String> taskTerms) {
    if (patternTerms.isEmpty()) {
      return 0;
    }
    long matched = patternTerms.stream().filter(taskTerms::contains).count();
    long needed = Math.min(2, patternTerms.size());
    return matched < needed ? 0 : (double) matched / patternTerms.size();
  }

  private static String quote(String term) {
    return "\"" + term.replace("\"", "\"\"") + "\"";
  }
}
