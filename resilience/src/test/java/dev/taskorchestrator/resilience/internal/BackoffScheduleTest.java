package dev.taskorchestrator.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.resilience.RetrySettings;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffScheduleTest {

  private final RetrySettings defaults = RetrySettings.ofDefaults();

  @Test
  void theMidpointOfTheJitterGivesTwoFourEightSeconds() {
    BackoffSchedule schedule = new BackoffSchedule(defaults, () -> 0.5);

    assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(schedule.backoff(3)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void everyDrawStaysWithinTenPercentOfTheNominalWait() {
    SplittableRandom random = new SplittableRandom(42);
    BackoffSchedule schedule = new BackoffSchedule(defaults, random::nextDouble);

    for (int i = 0; i < 10_000; i++) {
      int retry = 1 + i % 3;
      long nominal = 2_000L << (retry - 1);
      assertThat(schedule.backoff(retry))
          .isBetween(Duration.ofMillis(nominal * 9 / 10), Duration.ofMillis(nominal * 11 / 10));
    }
  }

  @Test
  void theCapBoundsLateRetries() {
    BackoffSchedule schedule = new BackoffSchedule(defaults.withMaxRetries(20), () -> 0.999);

    assertThat(schedule.backoff(6)).isEqualTo(Duration.ofSeconds(60)); // 64 s × 1.1 capped
    assertThat(schedule.backoff(20)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void retryAfterWinsWhenLongerLosesWhenShorterAndEndsRetryingBeyondTheCap() {
    BackoffSchedule schedule = new BackoffSchedule(defaults, () -> 0.5);

    assertThat(schedule.delay(1, Optional.of(Duration.ofSeconds(3)))).contains(Duration.ofSeconds(3));
    assertThat(schedule.delay(1, Optional.of(Duration.ofSeconds(1)))).contains(Duration.ofSeconds(2));
    assertThat(schedule.delay(1, Optional.of(Duration.ofSeconds(60)))).contains(Duration.ofSeconds(60));
    assertThat(schedule.delay(1, Optional.of(Duration.ofSeconds(61)))).isEmpty();
    assertThat(schedule.delay(2, Optional.empty())).contains(Duration.ofSeconds(4));
  }
}
