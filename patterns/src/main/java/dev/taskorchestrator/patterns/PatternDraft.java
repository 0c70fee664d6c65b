package dev.taskorchestrator.patterns;

import java.util.Objects;

/**
 * A pattern taught directly (record_pattern): what fails, how, and what to do about it.
 *
 * @param target what fails
 * @param errorClass how it fails ({@link ErrorClasses#UNSPECIFIED} if unknown)
 * @param errorText the error text as seen; it is redacted and normalised like a recorded failure
 * @param action the corrective action
 * @param confidence the starting confidence
 * @param visibility private or shared
 */
public record PatternDraft(String target, String errorClass, String errorText, CorrectiveAction action,
    double confidence, Visibility visibility) {

  /** Confidence of a taught pattern unless the teacher says otherwise. */
  public static final double DEFAULT_CONFIDENCE = 0.7;

  public PatternDraft {
    Target.check(target);
    ErrorClasses.check(errorClass);
    Texts.requireText(errorText, "errorText");
    Objects.requireNonNull(action, "action is null");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
    }
    Objects.requireNonNull(visibility, "visibility is null");
  }

  /** A private draft with the default confidence and an unspecified error class. */
  public static PatternDraft of(String target, String errorText, CorrectiveAction action) {
    return new PatternDraft(target, ErrorClasses.UNSPECIFIED, errorText, action, DEFAULT_CONFIDENCE,
        Visibility.PRIVATE);
  }
}
