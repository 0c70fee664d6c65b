package dev.taskorchestrator.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BreakerMessagesTest {

  @Test
  void masksBearerTokensKeysAndNamedSecrets() {
    assertThat(BreakerMessages.redact("401 for Authorization: Bearer abc.def-ghi_jkl"))
        .isEqualTo("401 for Authorization: Bearer [REDACTED]").doesNotContain("abc.def");
    assertThat(BreakerMessages.redact("invalid key sk-ant-api03-AbCdEf123456 given"))
        .isEqualTo("invalid key [REDACTED] given");
    assertThat(BreakerMessages.redact("GET /v1?api_key=AIzaSyXYZ123&x=1"))
        .isEqualTo("GET /v1?api_key=[REDACTED]&x=1");
    assertThat(BreakerMessages.redact("{\"x-api-key\": \"secret-value\"}"))
        .isEqualTo("{\"x-api-key\": \"[REDACTED]\"}");
  }

  @Test
  void keepsOrdinaryMessagesAndTheirKeywords() {
    assertThat(BreakerMessages.redact("HTTP 503 Service Unavailable")).isEqualTo("HTTP 503 Service Unavailable");
    assertThat(BreakerMessages.redact("max_tokens exceeds the context window"))
        .isEqualTo("max_tokens exceeds the context window");
    assertThat(BreakerMessages.redact("max_tokens: 100000 > 8192")).isEqualTo("max_tokens: 100000 > 8192");
    assertThat(BreakerMessages.redact("x-auth-token=abc123")).isEqualTo("x-auth-token=[REDACTED]");
  }

  @Test
  void flattensControlCharactersAndTruncates() {
    assertThat(BreakerMessages.redact("line one\nline two\r\n")).isEqualTo("line one line two");
    String longMessage = "x".repeat(1_000);
    assertThat(BreakerMessages.redact(longMessage)).hasSize(BreakerMessages.MAX_LENGTH).endsWith("…");
    assertThat(BreakerMessages.redact(null)).isEmpty();
  }
}
