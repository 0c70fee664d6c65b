package dev.taskorchestrator.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

  @Test
  void appliesDefaultsPerProviderType() {
    ProviderConfig openAi = ProviderConfig.of("o", ProviderType.OPENAI);
    ProviderConfig anthropic = ProviderConfig.of("a", ProviderType.ANTHROPIC);

    assertThat(openAi.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(openAi.resolvedBaseUrl(name -> null)).isEqualTo("https://api.openai.com/v1");
    assertThat(openAi.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(openAi.models()).isEmpty();
    assertThat(openAi.headers()).isEmpty();
    assertThat(openAi.maxTokensParameter()).isEqualTo(MaxTokensParameter.AUTO);
    assertThat(anthropic.apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(anthropic.anthropicVersion()).isEqualTo("2023-06-01");
    assertThat(anthropic.resolvedBaseUrl(name -> null)).isEqualTo("https://api.anthropic.com");
  }

  @Test
  void takesTheBaseUrlFromConfigThenEnvironmentThenVendor() {
    Map<String, String> env = Map.of("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/",
        "ANTHROPIC_BASE_URL", "http://127.0.0.1:11434");

    assertThat(ProviderConfig.of("o", ProviderType.OPENAI).resolvedBaseUrl(env::get))
        .isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(ProviderConfig.of("a", ProviderType.ANTHROPIC).resolvedBaseUrl(env::get))
        .isEqualTo("http://127.0.0.1:11434");
    assertThat(ProviderConfig.of("o", ProviderType.OPENAI).withBaseUrl("https://openrouter.ai/api/v1")
        .resolvedBaseUrl(env::get)).isEqualTo("https://openrouter.ai/api/v1");
  }

  @Test
  void refusesInvalidValuesNamingTheProviderAndTheKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProviderConfig.of("o", ProviderType.OPENAI).withBaseUrl("ftp://x"))
        .withMessage("provider 'o': base-url 'ftp://x' must be an http:// or https:// URL "
            + "with a host");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProviderConfig.of("o", ProviderType.OPENAI).withTimeout(Duration.ZERO))
        .withMessageContaining("timeout must be positive");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ProviderConfig("o", ProviderType.OPENAI, null, null, null, null,
            null, Map.of("Host", "evil"), null))
        .withMessageContaining("header 'Host' cannot be set");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProviderConfig.of(" ", ProviderType.OPENAI));
  }

  @Test
  void masksHeaderValuesInToString() {
    ProviderConfig config = new ProviderConfig("o", ProviderType.OPENAI, null, null,
        List.of("m"), null, null, Map.of("X-Gateway-Token", "tok-secret-42"), null);

    assertThat(config.toString()).doesNotContain("tok-secret-42")
        .contains("X-Gateway-Token=***").contains("apiKeyEnv=OPENAI_API_KEY");
  }

  @Test
  void parsesTypeAndMaxTokensParameterConfigValues() {
    assertThat(ProviderType.fromWireName("Anthropic")).isEqualTo(ProviderType.ANTHROPIC);
    assertThat(ProviderType.fromWireName("sampling")).isEqualTo(ProviderType.SAMPLING);
    assertThatIllegalArgumentException().isThrownBy(() -> ProviderType.fromWireName("gemini"))
        .withMessage("unknown provider type 'gemini'; allowed: openai | anthropic | sampling");
    assertThat(MaxTokensParameter.fromWireName("max-completion-tokens"))
        .isEqualTo(MaxTokensParameter.MAX_COMPLETION_TOKENS);
    assertThatIllegalArgumentException().isThrownBy(() -> MaxTokensParameter.fromWireName("x"));
  }

  @Test
  void leavesSamplingProvidersToTheServer() {
    assertThatIllegalArgumentException().isThrownBy(() -> Providers.create(
            ProviderConfig.of("client", ProviderType.SAMPLING), name -> null,
            HttpClient.newHttpClient()))
        .withMessageContaining("sampling");
  }
}
