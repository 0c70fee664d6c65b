package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.agents.ChainAttempt.Outcome;
import dev.taskorchestrator.agents.testing.FakeAnthropicServer;
import dev.taskorchestrator.agents.testing.FakeModelServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderChainTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-a-secret-0001",
      "ANTHROPIC_API_KEY", "sk-b-secret-0002");

  final FakeOpenAiServer a = FakeOpenAiServer.start();
  final FakeAnthropicServer b = FakeAnthropicServer.start();

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  ModelProvider openAi(String baseUrl) {
    return Providers.create(ProviderConfig.of("a", ProviderType.OPENAI).withBaseUrl(baseUrl)
        .withModels(List.of("gpt-a")), ENV::get, HTTP);
  }

  ModelProvider anthropic() {
    return Providers.create(ProviderConfig.of("b", ProviderType.ANTHROPIC)
        .withBaseUrl(b.baseUrl()).withModels(List.of("claude-b")), ENV::get, HTTP);
  }

  ModelRequest request() {
    return ModelRequest.of("", "hi", 10).withModel("gpt-a");
  }

  @Test
  void fallsBackToTheNextProviderWhenTheFirstAnswers503() throws Exception {
    a.enqueue(FakeOpenAiServer.error(503, "server_error", "unavailable", null));
    b.enqueue(FakeAnthropicServer.text("from b", 3, 2, 0, 0));

    ChainResult result = ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic()))
        .call(request());

    assertThat(result.response().provider()).isEqualTo("b");
    assertThat(result.response().text()).isEqualTo("from b");
    assertThat(result.attempts()).extracting(ChainAttempt::provider, ChainAttempt::outcome,
        ChainAttempt::errorClass).containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", Outcome.FAILED, ErrorClass.SERVER),
            org.assertj.core.groups.Tuple.tuple("b", Outcome.ANSWERED, null));
    assertThat(result.passedOver()).singleElement()
        .satisfies(x -> assertThat(x.message()).startsWith("HTTP 503"));
    assertThat(b.lastRequest().json().path("model").asString())
        .as("the fallback uses its own model").isEqualTo("claude-b");
  }

  @Test
  void fallsBackWhenTheFirstProviderRefusesConnections() throws Exception {
    b.enqueue(FakeAnthropicServer.text("from b", 3, 2, 0, 0));
    ModelProvider dead = openAi(FakeModelServer.unusedLoopbackUrl("/v1"));

    ChainResult result = ProviderChain.of(List.of(dead, anthropic())).call(request());

    assertThat(result.response().provider()).isEqualTo("b");
    assertThat(result.attempts().getFirst().errorClass()).isEqualTo(ErrorClass.NETWORK);
  }

  @Test
  void reportsTheFirstProvidersRefusedKeyAndAnswersFromTheNext() throws Exception {
    a.enqueue(FakeOpenAiServer.error(401, "invalid_request_error",
        "Incorrect API key provided: sk-a-secret-0001", "invalid_api_key"));
    b.enqueue(FakeAnthropicServer.text("from b", 3, 2, 0, 0));

    ChainResult result = ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic()))
        .call(request());

    assertThat(result.response().provider()).isEqualTo("b");
    ChainAttempt refused = result.attempts().getFirst();
    assertThat(refused.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(refused.message())
        .isEqualTo("the API key from environment variable OPENAI_API_KEY was refused (HTTP 401)")
        .doesNotContain("sk-a-secret");
    assertThat(a.requests()).as("no retry on the refusing provider").hasSize(1);
  }

  @Test
  void stopsAtAnInvalidRequestWithoutTryingTheNextProvider() {
    a.enqueue(FakeOpenAiServer.error(400, "invalid_request_error", "messages: too long", null));

    ProviderChainException e = catchThrowableOfType(ProviderChainException.class,
        () -> ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic())).call(request()));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_REQUEST);
    assertThat(e.attempts()).hasSize(1);
    assertThat(b.requests()).isEmpty();
  }

  @Test
  void failsWithEveryAttemptWhenNoProviderAnswers() {
    a.enqueue(FakeOpenAiServer.error(429, "requests", "slow down", null)
        .withHeader("Retry-After", "5"));
    b.enqueue(FakeAnthropicServer.error(529, "overloaded_error", "Overloaded")
        .withHeader("retry-after", "9"));

    ProviderChainException e = catchThrowableOfType(ProviderChainException.class,
        () -> ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic())).call(request()));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
    assertThat(e.provider()).isEqualTo("b");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(9));
    assertThat(e.attempts()).extracting(ChainAttempt::errorClass)
        .containsExactly(ErrorClass.RATE_LIMIT, ErrorClass.OVERLOADED);
    assertThat(e.getMessage()).startsWith("no provider answered: a rate_limit (HTTP 429")
        .contains("; b overloaded (HTTP 529");
  }

  @Test
  void skipsAProviderItsGuardDeclaresUnavailable() throws Exception {
    b.enqueue(FakeAnthropicServer.text("from b", 3, 2, 0, 0));
    ProviderCallGuard breakerOpenOnA = (provider, request) -> {
      if (provider.name().equals("a")) {
        throw new ProviderUnavailableException("a", "circuit open",
            Optional.of(Duration.ofSeconds(30)));
      }
      return provider.call(request);
    };

    ChainResult result = ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic()),
        breakerOpenOnA).call(request());

    assertThat(result.response().provider()).isEqualTo("b");
    assertThat(result.attempts().getFirst()).isEqualTo(new ChainAttempt("a", Outcome.SKIPPED,
        null, "circuit open", Optional.of(Duration.ofSeconds(30))));
    assertThat(a.requests()).isEmpty();
  }

  @Test
  void callsEveryProviderThroughTheGuard() throws Exception {
    a.enqueue(FakeOpenAiServer.error(429, "requests", "slow down", null),
        FakeOpenAiServer.text("from a, second try", 1, 1, 0));
    List<String> guarded = new ArrayList<>();
    ProviderCallGuard retryOnce = (provider, request) -> {
      guarded.add(provider.name());
      try {
        return provider.call(request);
      } catch (ProviderException e) {
        if (!e.retryable()) {
          throw e;
        }
        return provider.call(request);
      }
    };

    ChainResult result = ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic()), retryOnce)
        .call(request());

    assertThat(result.response().text()).isEqualTo("from a, second try");
    assertThat(guarded).containsExactly("a");
    assertThat(a.requests()).hasSize(2);
  }

  @Test
  void failsWhenEveryProviderIsUnavailable() {
    ProviderCallGuard allOpen = (provider, request) -> {
      throw new ProviderUnavailableException(provider.name(), "circuit open", Optional.empty());
    };

    ProviderChainException e = catchThrowableOfType(ProviderChainException.class,
        () -> ProviderChain.of(List.of(openAi(a.baseUrl()), anthropic()), allOpen)
            .call(request()));

    assertThat(e.attempts()).extracting(ChainAttempt::outcome)
        .containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
    assertThat(e.getMessage())
        .isEqualTo("no provider answered: a skipped (circuit open); b skipped (circuit open)");
  }

  @Test
  void refusesAnEmptyChain() {
    assertThatIllegalArgumentException().isThrownBy(() -> ProviderChain.of(List.of()));
  }
}
