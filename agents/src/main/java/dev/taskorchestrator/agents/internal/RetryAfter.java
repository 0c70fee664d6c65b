package dev.taskorchestrator.agents.internal;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asks us to wait, in the order the official SDKs use:
 * {@code retry-after-ms}, then {@code retry-after} (seconds or HTTP date), then OpenAI's
 * {@code x-ratelimit-reset-requests / -tokens} for whichever limit is exhausted.
 */
final class RetryAfter {
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private RetryAfter() {}

  static Optional<Duration> from(HttpHeaders headers, Clock clock) {
    Optional<Duration> ms = headers.firstValue("retry-after-ms").flatMap(RetryAfter::millis);
    if (ms.isPresent()) {
      return ms;
    }
    Optional<Duration> header = headers.firstValue("retry-after").flatMap(v -> parse(v, clock));
    if (header.isPresent()) {
      return header;
    }
    Optional<Duration> requests = exhaustedReset(headers, "requests");
    Optional<Duration> tokens = exhaustedReset(headers, "tokens");
    if (requests.isPresent() && tokens.isPresent()) {
      return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get()
          : tokens.get());
    }
    return requests.isPresent() ? requests : tokens;
  }

  /** A {@code Retry-After} value: delay-seconds (decimals tolerated) or an HTTP date. */
  static Optional<Duration> parse(String value, Clock clock) {
    String v = value.strip();
    try {
      BigDecimal seconds = new BigDecimal(v);
      return seconds.signum() < 0 ? Optional.empty()
          : Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
    } catch (NumberFormatException notANumber) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** An OpenAI reset value in Go duration syntax: {@code 20ms}, {@code 1s}, {@code 6m0s}. */
  static Optional<Duration> goDuration(String value) {
    String v = value.strip();
    Matcher m = GO_DURATION_PART.matcher(v);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      BigDecimal n = new BigDecimal(m.group(1));
      long unitMillis = switch (m.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1_000;
        default -> 1;
      };
      millis += n.multiply(BigDecimal.valueOf(unitMillis)).longValue();
      end = m.end();
    }
    return end == v.length() && end > 0 ? Optional.of(Duration.ofMillis(millis))
        : Optional.empty();
  }

  private static Optional<Duration> exhaustedReset(HttpHeaders headers, String limit) {
    boolean exhausted = headers.firstValue("x-ratelimit-remaining-" + limit)
        .map(String::strip).filter("0"::equals).isPresent();
    return exhausted
        ? headers.firstValue("x-ratelimit-reset-" + limit).flatMap(RetryAfter::goDuration)
        : Optional.empty();
  }

  private static Optional<Duration> millis(String value) {
    try {
      BigDecimal ms = new BigDecimal(value.strip());
      return ms.signum() < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms.longValue()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
