package dev.taskorchestrator.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

  private final SecretRedactor redactor = SecretRedactor.ofDefaults();

  @Test
  void redactsProviderKeysAndAuthorizationHeaders() {
    String out = redactor.redact("key sk-proj-abcdefghijklmnop1234 and sk-ant-api03-XYZ_123-abc; "
        + "Authorization: Bearer abc.def-ghi_jkl; Basic dXNlcjpwYXNzd29yZA==; api_key=hunter22; "
        + "https://bob:s3cret@example.com/x; ghp_abcdefghijklmnopqrstuvwxyz123456");
    assertThat(out).doesNotContain("abcdefghijklmnop1234", "XYZ_123", "abc.def-ghi_jkl", "dXNlcjpwYXNzd29yZA",
        "hunter22", "bob:s3cret", "ghp_abc");
    assertThat(out).contains("Bearer <secret>", "Basic <secret>", "api_key=<secret>", "https://<secret>@example.com");
  }

  @Test
  void redactsConfiguredRegexes() {
    SecretRedactor custom = SecretRedactor.withExtra(List.of("ACME-[0-9]{6}"));
    assertThat(custom.redact("token ACME-123456 refused")).isEqualTo("token <secret> refused");
    assertThat(redactor.redact("token ACME-123456 refused")).contains("ACME-123456");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(redactor.redact("the task-runner timed out; skip the basic step"))
        .isEqualTo("the task-runner timed out; skip the basic step");
  }
}
