package dev.taskorchestrator.patterns;

import java.time.Duration;

/** How confidence starts, moves with outcomes, and decays with a half-life. */
final class Confidence {

  /** A failure seen once. */
  static final double NEW_FAILURE = 0.5;
  /** A substitution that was seen to work. */
  static final double LEARNED_SUBSTITUTION = 0.6;
  /** Share of the remaining distance to 1 gained per recurrence or successful outcome. */
  static final double GAIN = 0.2;
  /** Factor kept after an outcome where the agent failed despite the advice. */
  static final double LOSS_FACTOR = 0.6;
  /** log2 of confidences below this is clamped, so a zero confidence still has a finite key. */
  private static final double FLOOR = 1e-9;

  private Confidence() {}

  static double reinforce(double confidence) {
    return Math.min(1, confidence + (1 - confidence) * GAIN);
  }

  static double weaken(double confidence) {
    return Math.max(0, confidence * LOSS_FACTOR);
  }

  /** {@code confidence × 0.5^(age / halfLife)}; an age below zero (clock skew) counts as zero. */
  static double effective(double confidence, long lastSeenMillis, long nowMillis, Duration halfLife) {
    long age = Math.max(0, nowMillis - lastSeenMillis);
    return confidence * Math.pow(0.5, (double) age / halfLife.toMillis());
  }

  /** The stored ordering key: monotonic in the effective confidence at any fixed time. */
  static double decayKey(double confidence, long lastSeenMillis, Duration halfLife) {
    return log2(confidence) * halfLife.toMillis() + lastSeenMillis;
  }

  /** The least decay key whose effective confidence at {@code nowMillis} is at least {@code min}. */
  static double keyBound(double min, long nowMillis, Duration halfLife) {
    return min <= 0 ? Double.NEGATIVE_INFINITY : log2(min) * halfLife.toMillis() + nowMillis;
  }

  private static double log2(double value) {
    return Math.log(Math.max(value, FLOOR)) / Math.log(2);
  }
}
