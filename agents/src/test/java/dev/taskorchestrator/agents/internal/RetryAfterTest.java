package dev.taskorchestrator.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }

  @Test
  void readsSecondsDecimalsAndHttpDates() {
    assertThat(RetryAfter.parse("12", CLOCK)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfter.parse("0.5", CLOCK)).contains(Duration.ofMillis(500));
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:42 GMT", CLOCK))
        .contains(Duration.ofSeconds(42));
    assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", CLOCK))
        .as("a date in the past means now").contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("-3", CLOCK)).isEmpty();
  }

  @Test
  void readsOpenAiResetDurations() {
    assertThat(RetryAfter.goDuration("20ms")).contains(Duration.ofMillis(20));
    assertThat(RetryAfter.goDuration("1s")).contains(Duration.ofSeconds(1));
    assertThat(RetryAfter.goDuration("6m0s")).contains(Duration.ofMinutes(6));
    assertThat(RetryAfter.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
    assertThat(RetryAfter.goDuration("3 days")).isEmpty();
  }

  @Test
  void prefersMillisecondsThenRetryAfterThenExhaustedLimitReset() {
    assertThat(RetryAfter.from(headers(Map.of("retry-after-ms", "250", "retry-after", "9")),
        CLOCK)).contains(Duration.ofMillis(250));
    assertThat(RetryAfter.from(headers(Map.of("retry-after", "9",
        "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s")), CLOCK))
        .contains(Duration.ofSeconds(9));
    assertThat(RetryAfter.from(headers(Map.of(
        "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
        "x-ratelimit-remaining-tokens", "5", "x-ratelimit-reset-tokens", "1m")), CLOCK))
        .contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.from(headers(Map.of("x-ratelimit-reset-requests", "2s")), CLOCK))
        .as("a reset of a limit that is not exhausted says nothing").isEqualTo(Optional.empty());
  }
}
