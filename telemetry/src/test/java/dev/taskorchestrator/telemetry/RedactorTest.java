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
      "my_api_key=abcdef123 and bearer  tok_abcdefgh|my_api_key=[REDACTED] and bearer  [REDACTED]"})
  void replacesSecrets(String input, String expected) {
    assertThat(redactor.redact(input)).isEqualTo(expected);
  }

  @Test
  void leavesOrdinaryTextAloneAndReturnsTheSameInstance() {
    String text = "task-runner asked for a sketch of the risk model; tokens: 1200";
    assertThat(redactor.redact(text)).isSameAs(text);
  }
}
