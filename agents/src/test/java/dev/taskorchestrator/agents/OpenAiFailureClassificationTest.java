package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an OpenAI-compatible call can fail, and the class the resilience layer sees. */
class OpenAiFailureClassificationTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final FakeOpenAiServer fake = FakeOpenAiServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  static Stream<Arguments> httpErrors() {
    return Stream.of(
        Arguments.of("429 with Retry-After seconds",
            FakeOpenAiServer.error(429, "requests", "Rate limit reached", "rate_limit_exceeded")
                .withHeader("Retry-After", "7"),
            ErrorClass.RATE_LIMIT, Optional.of(Duration.ofSeconds(7))),
        Arguments.of("429 with Retry-After HTTP date",
            FakeOpenAiServer.error(429, "requests", "slow down", null)
                .withHeader("Retry-After", "Sat, 21 Nov 2026 10:00:30 GMT"),
            ErrorClass.RATE_LIMIT, Optional.of(Duration.ofSeconds(30))),
        Arguments.of("429 with retry-after-ms before Retry-After",
            FakeOpenAiServer.error(429, "requests", "slow down", null)
                .withHeader("retry-after-ms", "1500").withHeader("Retry-After", "2"),
            ErrorClass.RATE_LIMIT, Optional.of(Duration.ofMillis(1500))),
        Arguments.of("429 with an exhausted token limit's reset",
            FakeOpenAiServer.error(429, "tokens", "TPM", "rate_limit_exceeded")
                .withHeader("x-ratelimit-remaining-tokens", "0")
                .withHeader("x-ratelimit-reset-tokens", "6m0s")
                .withHeader("x-ratelimit-remaining-requests", "10")
                .withHeader("x-ratelimit-reset-requests", "1s"),
            ErrorClass.RATE_LIMIT, Optional.of(Duration.ofMinutes(6))),
        Arguments.of("429 insufficient_quota is not retryable",
            FakeOpenAiServer.error(429, "insufficient_quota", "You exceeded your quota",
                "insufficient_quota").withHeader("Retry-After", "7"),
            ErrorClass.AUTH, Optional.empty()),
        Arguments.of("503", FakeOpenAiServer.error(503, "server_error", "unavailable", null)
            .withHeader("Retry-After", "3"), ErrorClass.SERVER, Optional.of(Duration.ofSeconds(3))),
        Arguments.of("500 with an HTML body", ScriptedReply.json(500, "<html>oops</html>"),
            ErrorClass.SERVER, Optional.empty()),
        Arguments.of("529", FakeOpenAiServer.error(529, "overloaded", "busy", null),
            ErrorClass.OVERLOADED, Optional.empty()),
        Arguments.of("408", ScriptedReply.json(408, ""), ErrorClass.TIMEOUT, Optional.empty()),
        Arguments.of("403", FakeOpenAiServer.error(403, "permission", "no", null),
            ErrorClass.AUTH, Optional.empty()),
        Arguments.of("400", FakeOpenAiServer.error(400, "invalid_request_error", "bad", null),
            ErrorClass.INVALID_REQUEST, Optional.empty()),
        Arguments.of("404 unknown model",
            FakeOpenAiServer.error(404, "invalid_request_error", "model not found",
                "model_not_found"), ErrorClass.INVALID_REQUEST, Optional.empty()),
        Arguments.of("422", ScriptedReply.json(422, "{\"detail\":\"bad\"}"),
            ErrorClass.INVALID_REQUEST, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpErrors")
  void classifiesHttpErrors(String name, ScriptedReply reply, ErrorClass expected,
      Optional<Duration> retryAfter) {
    ProviderException e = failWith(reply);

    assertThat(e.errorClass()).isEqualTo(expected);
    assertThat(e.httpStatus()).isEqualTo(reply.status());
    assertThat(e.retryAfter()).isEqualTo(retryAfter);
    assertThat(e.provider()).isEqualTo("oa");
    assertThat(e.getMessage()).startsWith(expected == ErrorClass.AUTH && reply.status() != 429
        ? "the API key" : "HTTP " + reply.status());
  }

  static Stream<Arguments> unusableAnswers() {
    String ok = FakeOpenAiServer.text("a long enough answer to cut", 1, 1, 0).body();
    return Stream.of(
        Arguments.of("not JSON", ScriptedReply.json(200, "Hello, I am not JSON"),
            ErrorClass.SERVER, "malformed answer: the body is not JSON"),
        Arguments.of("empty body", ScriptedReply.json(200, ""), ErrorClass.SERVER,
            "malformed answer: empty body"),
        Arguments.of("JSON array", ScriptedReply.json(200, "[1,2]"), ErrorClass.SERVER,
            "malformed answer: the body is not a JSON object"),
        Arguments.of("no choices", ScriptedReply.json(200, "{\"choices\":[]}"),
            ErrorClass.SERVER, "malformed answer: no choices"),
        Arguments.of("choice without message",
            ScriptedReply.json(200, "{\"choices\":[{\"finish_reason\":\"stop\"}]}"),
            ErrorClass.SERVER, "malformed answer: the first choice has no message"),
        Arguments.of("truncated JSON", ScriptedReply.json(200, ok).truncatedJson(),
            ErrorClass.SERVER, "malformed answer"),
        Arguments.of("connection dropped mid-body", ScriptedReply.json(200, ok).cutMidBody(),
            ErrorClass.NETWORK, "connection failed"),
        Arguments.of("error object with HTTP 200",
            FakeOpenAiServer.error(200, "server_error", "upstream died", null),
            ErrorClass.SERVER, "error object in an HTTP 200 answer server_error: upstream died"),
        Arguments.of("overloaded error object with HTTP 200",
            FakeOpenAiServer.error(200, "overloaded_error", "busy", null),
            ErrorClass.OVERLOADED, "error object in an HTTP 200 answer"),
        Arguments.of("refusal", ScriptedReply.json(200, "{\"choices\":[{\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"refusal\":\"I can't help\"},"
                + "\"finish_reason\":\"stop\"}]}"),
            ErrorClass.CONTENT, "the model refused: I can't help"),
        Arguments.of("content filter", ScriptedReply.json(200, "{\"choices\":[{\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"partial\"},"
                + "\"finish_reason\":\"content_filter\"}]}"),
            ErrorClass.CONTENT, "the answer was stopped by the content filter"),
        Arguments.of("empty output", FakeOpenAiServer.text("  ", 5, 0, 0), ErrorClass.CONTENT,
            "empty output (finish_reason stop)"),
        Arguments.of("tool arguments not JSON", FakeOpenAiServer.toolCalls(
                new FakeOpenAiServer.Call("c1", "fs__read", "{\"path\": ")),
            ErrorClass.CONTENT, "the model called fs__read with arguments that are not a JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableAnswers")
  void classifiesUnusableAnswers(String name, ScriptedReply reply, ErrorClass expected,
      String messageStart) {
    ProviderException e = failWith(reply);

    assertThat(e.errorClass()).isEqualTo(expected);
    assertThat(e.getMessage()).startsWith(messageStart);
  }

  private ProviderException failWith(ScriptedReply reply) {
    fake.enqueue(reply);
    ProviderConfig config = ProviderConfig.of("oa", ProviderType.OPENAI)
        .withBaseUrl(fake.baseUrl()).withModels(List.of("m"));
    ModelProvider provider = Providers.create(config, Map.of("OPENAI_API_KEY", "k-1234")::get,
        HTTP, CLOCK);
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(ModelRequest.of("", "hi", 10)));
    assertThat(e).as("the call failed").isNotNull();
    return e;
  }
}
