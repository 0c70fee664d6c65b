package dev.taskorchestrator.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.MaxTokensParameter;
import org.junit.jupiter.api.Test;

class OpenAiChatProviderMaxTokensTest {

  @Test
  void autoSendsMaxCompletionTokensOnlyToOpenAi() {
    assertThat(OpenAiChatProvider.maxTokensField(MaxTokensParameter.AUTO,
        "https://api.openai.com/v1")).isEqualTo("max_completion_tokens");
    assertThat(OpenAiChatProvider.maxTokensField(MaxTokensParameter.AUTO,
        "http://127.0.0.1:11434/v1")).isEqualTo("max_tokens");
    assertThat(OpenAiChatProvider.maxTokensField(MaxTokensParameter.MAX_TOKENS,
        "https://api.openai.com/v1")).isEqualTo("max_tokens");
  }
}
