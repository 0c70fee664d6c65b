package dev.taskorchestrator.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void secretNamesAreRecognisedInEnvironmentAndHeaderStyle() {
    assertThat(SecretValues.isSecretName("OPENAI_API_KEY")).isTrue();
    assertThat(SecretValues.isSecretName("LANGFUSE_SECRET_KEY")).isTrue();
    assertThat(SecretValues.isSecretName("TO_TOKEN")).isTrue();
    assertThat(SecretValues.isSecretName("DB_PASSWORD")).isTrue();
    assertThat(SecretValues.isSecretName("Authorization")).isTrue();
    assertThat(SecretValues.isSecretName("X-Api-Key")).isTrue();
    assertThat(SecretValues.isSecretName("HTTP-Referer")).isFalse();
    assertThat(SecretValues.isSecretName("TEST_TOOL_LOG")).isFalse();
    assertThat(SecretValues.isSecretName("GIT_AUTHOR_EMAIL")).isFalse();
  }

  @Test
  void onlyCredentialLikeValuesOfSecretNamesAndSecretShapesUnderAnyNameAreSecrets() {
    assertThat(SecretValues.among(Map.of(
        "FILES_API_TOKEN", "te_ucKtI3HNJ5atN3Jui71d6up7IQYT5n",
        "SSH_AUTH_SOCK", "/run/user/1000/ssh-agent.socket",
        "MY_TOKEN", "short",
        "TEST_TOOL_LOG", "/tmp/calls.log",
        "UPSTREAM", "ghp_3crv83GOSCTYnUsHqbRaSbiJ4rAipmBEdJKN",
        "ENABLE_TOKEN_CACHE", "true")))
        .containsExactlyInAnyOrder("te_ucKtI3HNJ5atN3Jui71d6up7IQYT5n", "ghp_3crv83GOSCTYnUsHqbRaSbiJ4rAipmBEdJKN");
  }

  @Test
  void anAuthorizationHeaderGivesTheWholeValueAndTheCredentialAfterItsScheme() {
    assertThat(SecretValues.among(Map.of("Authorization", "Bearer opaque-4f7a9c2e1b", "X-Team", "core-platform")))
        .containsExactlyInAnyOrder("Bearer opaque-4f7a9c2e1b", "opaque-4f7a9c2e1b");
  }
}
