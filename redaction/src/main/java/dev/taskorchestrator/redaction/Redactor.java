package dev.taskorchestrator.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one redactor: every text the server stores, logs, exports or returns passes it. It masks
 *
 * <ul>
 *   <li>the secret values the server knows (provider keys, tokens, passwords), whatever their shape,
 *       longest first, and also when only their first or last characters are echoed;
 *   <li>the common shapes of secrets: {@code sk-…}/{@code sk-ant-…} keys, AWS key ids and bare secret
 *       access keys, Google {@code AIza…}, GitHub ({@code ghp_…}, {@code github_pat_…}), Stripe
 *       ({@code sk_live_…}, {@code rk_live_…}), Hugging Face {@code hf_…}, Slack {@code xox…}, JWTs, PEM
 *       private keys (all their lines), {@code Bearer}/{@code Basic} credentials, {@code user:password@} in
 *       URLs and {@code api_key=…}-style assignments;
 *   <li>matches of configured regular expressions.
 * </ul>
 *
 * <pre>{@code
 * Redactor redactor = Redactor.of(List.of(System.getenv("OPENAI_API_KEY")), List.of("ACME-[0-9]{6}"));
 * redactor.redact("401: Bearer abc.def-123456 refused for ACME-123456")
 *     // "401: Bearer [REDACTED] refused for [REDACTED]"
 * }</pre>
 *
 * <p>Immutable and thread-safe. Text without a secret costs a few substring scans and comes back as the
 * same instance.
 */
public final class Redactor {

  /** What a removed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  private static final Redactor DEFAULT = new Redactor(KnownSecrets.NONE, List.of());

  private final KnownSecrets known;
  private final List<String> patterns;
  private final Pattern extra;

  private Redactor(KnownSecrets known, List<String> patterns) {
    this.known = known;
    this.patterns = patterns;
    this.extra = patterns.isEmpty() ? null : Pattern.compile(String.join("|", patterns.stream()
        .map(p -> "(?:" + p + ")").toList()));
  }

  /** The common shapes only. */
  public static Redactor ofDefaults() {
    return DEFAULT;
  }

  /**
   * The common shapes plus these values and regular expressions.
   *
   * @param secretValues literal secrets; null, blank and values under 6 characters are ignored
   * @param extraPatterns regular expressions whose whole match is masked
   * @throws IllegalArgumentException naming the pattern when one is not a valid regular expression
   */
  public static Redactor of(Collection<String> secretValues, Collection<String> extraPatterns) {
    return DEFAULT.with(secretValues, extraPatterns);
  }

  /** This redactor knowing more values and patterns. */
  public Redactor with(Collection<String> secretValues, Collection<String> extraPatterns) {
    Objects.requireNonNull(secretValues, "secretValues is null");
    Objects.requireNonNull(extraPatterns, "extraPatterns is null");
    List<String> values = new ArrayList<>(known.values());
    values.addAll(secretValues);
    Set<String> regexes = new LinkedHashSet<>(patterns);
    for (String p : extraPatterns) {
      try {
        Pattern.compile(Objects.requireNonNull(p, "a secret pattern is null"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + p + "' is not a valid regular expression: " + e.getDescription());
      }
      regexes.add(p);
    }
    KnownSecrets merged = KnownSecrets.of(values);
    return merged.isEmpty() && regexes.isEmpty() ? DEFAULT : new Redactor(merged, List.copyOf(regexes));
  }

  /** {@code text} with every secret replaced by {@value #MASK}; the same instance when there was none. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text is null");
    Shapes.Seen seen = Shapes.Seen.of(text);
    String result = known.redact(text, MASK, seen);
    result = Shapes.redact(result, MASK, seen);
    return extra == null ? result : Shapes.replace(extra, result, MASK);
  }

  /**
   * A JSON-like tree (maps, lists, strings, other values) with every string value redacted; map keys and
   * non-strings are kept. The same instance when nothing in it changed.
   */
  public Object redactTree(Object value) {
    return switch (value) {
      case String s -> redact(s);
      case Map<?, ?> map -> redactMap(map);
      case List<?> list -> redactList(list);
      case null, default -> value;
    };
  }

  private Object redactMap(Map<?, ?> map) {
    Map<Object, Object> out = null;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = redactTree(e.getValue());
      if (v != e.getValue() && out == null) {
        out = new LinkedHashMap<>(map);
      }
      if (out != null) {
        out.put(e.getKey(), v);
      }
    }
    return out == null ? map : out;
  }

  private Object redactList(List<?> list) {
    List<Object> out = null;
    for (int i = 0; i < list.size(); i++) {
      Object v = redactTree(list.get(i));
      if (v != list.get(i) && out == null) {
        out = new ArrayList<>(list);
      }
      if (out != null) {
        out.set(i, v);
      }
    }
    return out == null ? list : out;
  }

  /** How many literal secret values this redactor knows. */
  public int knownSecretCount() {
    return known.values().size();
  }

  /** The configured regular expressions, in the order given. */
  public List<String> patterns() {
    return patterns;
  }

  @Override
  public String toString() {
    return "Redactor[" + knownSecretCount() + " known secrets, " + patterns.size() + " patterns]";
  }
}
