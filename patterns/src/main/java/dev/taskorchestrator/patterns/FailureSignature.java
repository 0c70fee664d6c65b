package dev.taskorchestrator.patterns;

import dev.taskorchestrator.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The stable identity of a failure: target, error class and the normalised message, plus a
 * fingerprint (the first 32 hex digits of SHA-256 over the three). Two occurrences of the same
 * failure that differ only in ids, numbers, timestamps and the like share a fingerprint.
 *
 * @param target {@code provider:NAME/MODEL}, {@code tool:SERVER.TOOL} or {@code archetype:NAME}
 * @param errorClass a lower-case error class ({@link ErrorClasses})
 * @param normalisedMessage the message with secrets redacted and variable parts replaced
 * @param fingerprint 32 lower-case hex digits
 */
public record FailureSignature(String target, String errorClass, String normalisedMessage, String fingerprint) {

  public FailureSignature {
    Target.check(target);
    ErrorClasses.check(errorClass);
    Objects.requireNonNull(normalisedMessage, "normalisedMessage is null");
    Objects.requireNonNull(fingerprint, "fingerprint is null");
    if (!fingerprint.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("fingerprint must be 32 hex digits: " + fingerprint);
    }
  }

  /** Derives the signature of a failure, redacting secrets of the common shapes. */
  public static FailureSignature of(String target, String errorClass, String message) {
    return of(target, errorClass, message, Redactor.ofDefaults());
  }

  /** Derives the signature of a failure, redacting secrets with {@code redactor}. */
  public static FailureSignature of(String target, String errorClass, String message, Redactor redactor) {
    Target.check(target);
    ErrorClasses.check(errorClass);
    Objects.requireNonNull(message, "message is null");
    String normalised = MessageNormaliser.normalise(message, redactor);
    return new FailureSignature(target, errorClass, normalised, fingerprint(target, errorClass, normalised));
  }

  /** The pattern id this signature's pattern gets: {@code pat_} and 16 hex digits. */
  public String patternId() {
    return "pat_" + fingerprint.substring(0, 16);
  }

  static String fingerprint(String target, String errorClass, String normalised) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest((target + "\n" + errorClass + "\n" + normalised).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
