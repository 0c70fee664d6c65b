package dev.taskorchestrator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ResilienceSettings s = ResilienceSettings.ofDefaults();

    assertThat(s.retry()).isEqualTo(new RetrySettings(3, Duration.ofSeconds(2), 2.0, 0.1, Duration.ofSeconds(60)));
    assertThat(s.breaker()).isEqualTo(new BreakerSettings(3, 50, 10, 5, Duration.ofSeconds(30), 1, 2));
    assertThat(s.maxConcurrentCalls()).isEqualTo(256);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void refusesSettingsThatCannotWork() {
    RetrySettings r = RetrySettings.ofDefaults();
    assertThatIllegalArgumentException().isThrownBy(() -> r.withMaxRetries(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> r.withJitter(1.0));
    assertThatIllegalArgumentException().isThrownBy(() -> r.withMaxDelay(Duration.ofSeconds(1)))
        .withMessageContaining("shorter than baseDelay");
    assertThatIllegalArgumentException().isThrownBy(
        () -> new BreakerSettings(3, 50, 4, 5, Duration.ofSeconds(30), 1, 2))
        .withMessageContaining("minimumCalls 5 exceeds windowSize 4");
    assertThatIllegalArgumentException().isThrownBy(
        () -> new BreakerSettings(3, 50, 10, 5, Duration.ofSeconds(30), 3, 2));
    assertThatIllegalArgumentException().isThrownBy(
        () -> ResilienceSettings.ofDefaults().withTimeout(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(
        () -> ResilienceRegistry.builder().timeScale(0).build());
  }

  @Test
  void aNameOverrideBeatsItsKindWhichBeatsTheDefaults() {
    ResilienceSettings tools = ResilienceSettings.ofDefaults().withTimeout(Duration.ofSeconds(60));
    ResilienceSettings slow = ResilienceSettings.ofDefaults().withTimeout(Duration.ofSeconds(300));
    try (ResilienceRegistry registry = ResilienceRegistry.builder()
        .settingsFor(BreakerKind.TOOL, tools).settingsFor("ollama", slow).build()) {
      assertThat(registry.settingsOf("ollama", BreakerKind.PROVIDER)).isEqualTo(slow);
      assertThat(registry.settingsOf("openai", BreakerKind.PROVIDER)).isEqualTo(ResilienceSettings.ofDefaults());
      assertThat(registry.settingsOf("github.search", BreakerKind.TOOL)).isEqualTo(tools);
    }
  }
}
