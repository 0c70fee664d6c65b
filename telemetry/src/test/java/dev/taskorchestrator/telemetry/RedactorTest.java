package dev.taskorchestrator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.of(List.of("opaque-literal-secret"), List.of("tenant-[0-9]{4}"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "key sk-ant-api03-AbCdEf0123456789 used|key [REDACTED] used",
      "openai sk-proj-AbCdEf0123456789xyz|openai [REDACTED]",
      "Authorization: Bearer eyJhbGciOi.payload.sig|Authorization: Bearer [REDACTED]",
      "Authorization: basic dXNlcjpwYXNzd29yZA==|Authorization: basic [REDACTED]",
      "url?api_key=abcdef123&x=1|url?api_key=[REDACTED]&x=1",
      "{\"password\": \"hunter22\"}|{\"password\": \"[REDACTED]\"}",
      "uses opaque-literal-secret here|uses [REDACTED] here",
      "for tenant-1234 only|for [REDACTED] only",
      "github ghp_abcdefghijklmnopqrstuvwxyz12|github [REDACTED]",
      "aws AKIAABCDEFGHIJKLMNOP|aws [REDACTED]",
      "token: Bearer eyJhbGciOi.payload.sig|token: Bearer [REDACTED]",
      "my_api_key=abcdef123 and bearer  tok_abcdefgh|my_api_key=[REDACTED] and bearer  [REDACTED]",
      // Upper case and the rarer shapes: each must get past the cheap pre-check to the pattern.
      "AUTHORIZATION: BEARER abcdefgh12|AUTHORIZATION: BEARER [REDACTED]",
      "Token=abcdef123;|Token=[REDACTED];",
      "PASSWD: hunter22|PASSWD: [REDACTED]",
      "Secret = 's3cr3tvalue'|Secret = '[REDACTED]'",
      "slack xoxb-1234567890-abcdef|slack [REDACTED]",
      "pat github_pat_11ABCDEFG0123456789abc|pat [REDACTED]",
      "gcp AIzaSyA0123456789abcdefghijklmnopqrstuv|gcp [REDACTED]",
      "svc rk-live-0123456789abcd|svc [REDACTED]"})
  void replacesSecrets(String input, String expected) {
    assertThat(redactor.redact(input)).isEqualTo(expected);
  }

  @Test
  void configuredPatternsWithTheirOwnGroupsAreRemovedWhole() {
    Redactor r = Redactor.of(List.of(), List.of("(acct)-([0-9]{6})"));
    assertThat(r.redact("bill acct-123456 now, Bearer abcdefgh12")).isEqualTo("bill [REDACTED] now, Bearer [REDACTED]");
  }

  @Test
  void textWithoutAnyBuiltInMarkerSkipsThePattern() {
    assertThat(Redactor.mayHoldBuiltInSecret("a long answer about ships, skies and gh-pages")).isFalse();
    assertThat(Redactor.mayHoldBuiltInSecret("see the API docs")).isTrue();
  }

  @Test
  void leavesOrdinaryTextAloneAndReturnsTheSameInstance() {
    String text = "task-runner asked for a sketch of the risk model; tokens: 1200";
    assertThat(redactor.redact(text)).isSameAs(text);
  }
}
