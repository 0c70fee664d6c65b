package dev.taskorchestrator.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The common shapes of secrets. Each rule has needles: a text holding none of a rule's needles cannot match
 * it, and most texts hold none, so a few {@code indexOf} scans stand in for regexes tried at every position
 * (this is what keeps span export cheap). Needles are few and short ({@code k-} for {@code sk-}, {@code pk-}
 * and {@code rk-}): every needle is one more scan of every exported string. A rule's {@code keep} group (the word before a secret, such as
 * {@code Bearer }) stays in the text.
 */
final class Shapes {

  private static final int AWS_SECRET_LENGTH = 40;
  private static final boolean[] BASE64 = new boolean[128];

  static {
    for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
      BASE64[c] = true;
    }
  }

  /** Characters a credential value is made of in {@code key=value} forms: no space, quote, bracket or separator. */
  private static final String VALUE_CHAR = "[^\\s\"'`,;&(){}\\[\\]<>]";

  private record Rule(Pattern pattern, List<String> needles, List<Seen> needleChars, boolean anyCase) {
    /** Whether the text holds every character of at least one needle (a needle it lacks cannot occur). */
    boolean passes(Seen text) {
      for (Seen chars : needleChars) {
        if (text.holdsAll(chars, anyCase)) {
          return true;
        }
      }
      return false;
    }

    boolean mayMatch(String text, String lower) {
      String haystack = anyCase ? lower : text;
      for (String needle : needles) {
        if (haystack.contains(needle)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The ASCII characters a text holds, as they are and with letters folded to lower case, and whether it has a
   * run of exactly 40 base64 characters: one pass over the text tells which needles cannot occur in it, so
   * most rules cost no scan at all.
   */
  record Seen(long low, long high, long foldedLow, long foldedHigh, boolean awsRun) {
    static Seen of(String text) {
      long low = 0;
      long high = 0;
      int run = 0;
      boolean awsRun = false;
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c < 64) {
          low |= 1L << c;
        } else if (c < 128) {
          high |= 1L << (c - 64);
        }
        if (c < 128 && BASE64[c]) {
          run++;
        } else {
          awsRun |= run == AWS_SECRET_LENGTH && c != '=';
          run = 0;
        }
      }
      awsRun |= run == AWS_SECRET_LENGTH;
      // 'A'..'Z' are bits 1..26 of high, 'a'..'z' bits 33..58: folding ORs the upper case onto the lower.
      long letters = high & (((1L << 26) - 1) << 1);
      return new Seen(low, high, low, high | letters << 32, awsRun);
    }

    boolean holdsAll(Seen needle, boolean folded) {
      return folded ? (needle.low & ~foldedLow) == 0 && (needle.high & ~foldedHigh) == 0
          : (needle.low & ~low) == 0 && (needle.high & ~high) == 0;
    }
  }

  private static final List<Rule> RULES = List.of(
      // PEM private keys span lines; one cut short (a clipped message) is removed to the end of the text.
      rule("-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
          + "(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|(?=\\r?\\n?\\z))", "-----BEGIN"),
      // OpenAI, Anthropic, Langfuse and many more: sk-…, sk-ant-…, pk-…, rk-…
      rule("sk-ant-[A-Za-z0-9_\\-]{8,}|\\b(?:sk|pk|rk)-[A-Za-z0-9_\\-]{12,}", "k-"),
      // Stripe secret, restricted and webhook keys.
      rule("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|\\bwhsec_[A-Za-z0-9]{16,}", "k_", "whsec_"),
      rule("\\bgh[pousr]_[A-Za-z0-9]{20,}|\\bgithub_pat_[A-Za-z0-9_]{20,}|\\bglpat-[A-Za-z0-9_\\-]{20,}",
          "gh", "github_pat_", "glpat-"),
      rule("\\bhf_[A-Za-z0-9]{20,}", "hf_"),
      rule("\\bAIza[0-9A-Za-z_\\-]{35}|\\bya29\\.[0-9A-Za-z_\\-]{20,}", "AIza", "ya29."),
      rule("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "AKIA", "ASIA"),
      rule("\\bxox[abposre]-[A-Za-z0-9\\-]{10,}|hooks\\.slack\\.com/services/[A-Za-z0-9/_\\-]+", "xox", "hooks.slack.com"),
      rule("\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}", "eyJ"),
      // user:password in a URL; the scheme and host stay.
      rule("(?<keep>://)[^/\\s:@\"'<>]{1,256}:[^/\\s@\"'<>]{1,256}(?=@)", "://"),
      anyCase("(?<keep>(?i:bearer)\\s{1,5})[A-Za-z0-9._~+/=\\-]{8,}", "bearer"),
      // Basic credentials are base64: a digit or +/= is demanded so that "basic structure" is left alone.
      anyCase("(?<keep>(?i:basic)\\s{1,5})(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}", "basic"),
      // key=value and "key": "value" forms with a secret-sounding key (aws_secret_access_key, X-Api-Key,
      // password, client_secret, access_token, …); the value needs a digit or symbol, or 16 characters, so
      // "authentication: failed" and "max_tokens: 100000" stay ("tokens" is a count, not a token).
      anyCase("(?<keep>(?i)\\b[A-Za-z0-9_.\\-]{0,40}(?:api[_.\\-]?key|[_.\\-]key|secret|token(?!s)|passw(?:or)?d|pwd"
          + "|credential|auth(?!ors?(?![a-z])))[A-Za-z0-9_.\\-]{0,40}[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?(?:(?:bearer|basic|token)\\s+)?)"
          + "(?:(?=" + VALUE_CHAR + "*[0-9+/=_.~\\-])" + VALUE_CHAR + "{6,}|" + VALUE_CHAR + "{16,})",
          "key", "secret", "token", "passw", "pwd", "credential", "auth"));

  /**
   * A bare AWS secret access key: exactly 40 base64 characters with upper and lower case and a digit, on its
   * own (no base64 character or padding either side). Found by a scan for runs of exactly 40, not by a needle.
   */
  private static final Pattern BARE_AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+=])"
      + "(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])"
      + "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

  private Shapes() {}

  private static Rule rule(String regex, String... needles) {
    return new Rule(Pattern.compile(regex), List.of(needles), Stream.of(needles).map(Seen::of).toList(), false);
  }

  private static Rule anyCase(String regex, String... lowerCaseNeedles) {
    return new Rule(Pattern.compile(regex), List.of(lowerCaseNeedles),
        Stream.of(lowerCaseNeedles).map(Seen::of).toList(), true);
  }

  /** {@code text} with every secret of a known shape masked; the same instance when there was none. */
  static String redact(String text, String mask) {
    return redact(text, mask, Seen.of(text));
  }

  /**
   * Like {@link #redact(String, String)}, {@code seen} being what the text held before anything in it was
   * masked: masking only removes characters, and no needle can be made of the mask, so it still tells.
   */
  static String redact(String text, String mask, Seen seen) {
    String result = text;
    String lower = null;
    for (Rule rule : RULES) {
      if (!rule.passes(seen)) {
        continue;
      }
      if (rule.anyCase() && lower == null) {
        lower = result.toLowerCase(Locale.ROOT);
      }
      if (rule.mayMatch(result, lower)) {
        String replaced = replace(rule.pattern(), result, mask);
        if (replaced != result) {
          result = replaced;
          lower = null;
        }
      }
    }
    return seen.awsRun() ? replace(BARE_AWS_SECRET, result, mask) : result;
  }

  /** Replaces every match, keeping its {@code keep} group when the pattern has one. */
  static String replace(Pattern pattern, String text, String mask) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    boolean keep = pattern.pattern().contains("(?<keep>");
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, "");
      if (keep && m.group("keep") != null) {
        out.append(m.group("keep"));
      }
      out.append(mask);
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

}
