package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.agents.testing.FakeAnthropicServer;
import dev.taskorchestrator.agents.testing.FakeAnthropicServer.Call;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class AnthropicMessagesProviderTest {
  static final String KEY = "sk-ant-test-secret-987654";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  static final Map<String, Object> SEARCH_SCHEMA = Map.of("type", "object",
      "properties", Map.of("query", Map.of("type", "string")));

  final FakeAnthropicServer fake = FakeAnthropicServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  ProviderConfig config() {
    return ProviderConfig.of("claude", ProviderType.ANTHROPIC).withBaseUrl(fake.baseUrl())
        .withModels(List.of("claude-sonnet-4-5"));
  }

  ModelProvider provider(ProviderConfig config) {
    return Providers.create(config, Map.of("ANTHROPIC_API_KEY", KEY)::get, HTTP, CLOCK);
  }

  @Test
  void sendsMessagesRequestWithApiKeyPinnedVersionAndTopLevelSystem() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("hello", 10, 2, 0, 0));
    ModelRequest request = new ModelRequest(null, "Be brief.",
        List.of(new UserMessage("Say hello")), List.of(), 0.5, 300, null);

    provider(config()).call(request);

    var sent = fake.lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo(KEY);
    assertThat(sent.header("authorization")).isNull();
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode json = sent.json();
    assertThat(json.path("model").asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(json.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(json.path("system").asString()).isEqualTo("Be brief.");
    assertThat(json.path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(json.path("messages").toString()).isEqualTo(
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\"}]}]");
  }

  @Test
  void sendsTheConfiguredAnthropicVersion() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("hi", 1, 1, 0, 0));
    ProviderConfig c = config();
    ProviderConfig pinned = new ProviderConfig(c.name(), c.type(), c.baseUrl(), null,
        c.models(), null, "2026-10-21", null, null);

    provider(pinned).call(ModelRequest.of("", "hi", 10));

    assertThat(fake.lastRequest().header("anthropic-version")).isEqualTo("2026-10-21");
    assertThat(fake.lastRequest().json().has("temperature")).isFalse();
    assertThat(fake.lastRequest().json().has("system")).isFalse();
  }

  @Test
  void mapsUsageIncludingCacheReadsAndWrites() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("cached answer", 50, 20, 1000, 200));

    ModelResponse response = provider(config()).call(ModelRequest.of("", "hi", 50));

    assertThat(response.text()).isEqualTo("cached answer");
    assertThat(response.model()).isEqualTo("claude-fake-5");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    ModelUsage usage = response.usage();
    assertThat(usage.inputTokens()).as("input + cache read + cache write").isEqualTo(1250);
    assertThat(usage.cachedInputTokens()).isEqualTo(1000);
    assertThat(usage.cacheWriteTokens()).isEqualTo(200);
    assertThat(usage.uncachedInputTokens()).isEqualTo(50);
    assertThat(usage.outputTokens()).isEqualTo(20);
    assertThat(usage.raw()).containsEntry("input_tokens", 50L)
        .containsEntry("cache_read_input_tokens", 1000L)
        .containsEntry("cache_creation_input_tokens", 200L);
  }

  @Test
  void sendsToolsWithInputSchemaAndParsesToolUseBlocks() throws Exception {
    fake.enqueue(FakeAnthropicServer.toolUse("Let me search.",
        new Call("toolu_01", "github__search_issues", "{\"query\":\"flaky\"}")));
    ModelRequest request = new ModelRequest(null, "", List.of(new UserMessage("find bugs")),
        List.of(new ToolDefinition("github.search_issues", "Search issues", SEARCH_SCHEMA)),
        null, 100, null);

    ModelResponse response = provider(config()).call(request);

    JsonNode tool = fake.lastRequest().json().path("tools").get(0);
    assertThat(tool.path("name").asString()).isEqualTo("github__search_issues");
    assertThat(tool.path("description").asString()).isEqualTo("Search issues");
    assertThat(tool.path("input_schema").path("type").asString()).isEqualTo("object");
    assertThat(response.text()).isEqualTo("Let me search.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("toolu_01", "github.search_issues", Map.of("query", "flaky")));
  }

  @Test
  void sendsToolUseAndMergedToolResultsOnTheNextTurn() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("done", 60, 3, 0, 0));
    ModelRequest request = new ModelRequest(null, "", List.of(
        new UserMessage("read two files"),
        new AssistantMessage("Reading.", List.of(
            new ToolCall("toolu_a", "fs.read", Map.of("path", "a.txt")),
            new ToolCall("toolu_b", "fs.read", Map.of("path", "b.txt")))),
        new ToolResultMessage("toolu_a", "fs.read", "alpha", false),
        new ToolResultMessage("toolu_b", "fs.read", "no such file", true)),
        List.of(new ToolDefinition("fs.read", "Read", Map.of("type", "object"))), null, 100,
        null);

    provider(config()).call(request);

    JsonNode messages = fake.lastRequest().json().path("messages");
    assertThat(messages.size()).as("user, assistant, one user turn with both results")
        .isEqualTo(3);
    assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"Reading.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"fs__read\",\"input\":{\"path\":\"a.txt\"}},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"fs__read\",\"input\":{\"path\":\"b.txt\"}}]}");
    assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_a\",\"content\":\"alpha\",\"is_error\":false},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_b\",\"content\":\"no such file\",\"is_error\":true}]}");
  }

  @Test
  void putsTheResponseSchemaIntoTheSystemPrompt() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("{\"verdict\":\"pass\"}", 5, 5, 0, 0));
    ModelRequest request = new ModelRequest(null, "You are QC.",
        List.of(new UserMessage("judge")), List.of(), null, 100,
        Map.of("type", "object", "required", List.of("verdict")));

    provider(config()).call(request);

    assertThat(fake.lastRequest().json().path("system").asString())
        .startsWith("You are QC.\n\nAnswer with a single JSON value")
        .contains("\"required\":[\"verdict\"]");
  }

  @Test
  void reportsARefusedKeyByItsVariableNeverByItsValue() {
    fake.enqueue(FakeAnthropicServer.error(401, "authentication_error",
        "invalid x-api-key " + KEY));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider(config()).call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.getMessage()).isEqualTo(
        "the API key from environment variable ANTHROPIC_API_KEY was refused (HTTP 401)");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("529 overloaded_error",
            FakeAnthropicServer.error(529, "overloaded_error", "Overloaded")
                .withHeader("retry-after", "12"),
            ErrorClass.OVERLOADED, Optional.of(Duration.ofSeconds(12))),
        Arguments.of("429 rate_limit_error",
            FakeAnthropicServer.error(429, "rate_limit_error", "Number of requests exceeded")
                .withHeader("retry-after", "Sat, 21 Nov 2026 10:01:00 GMT"),
            ErrorClass.RATE_LIMIT, Optional.of(Duration.ofMinutes(1))),
        Arguments.of("429 spend limit reached", ScriptedReply.json(429, "{\"type\":\"error\","
                + "\"error\":{\"type\":\"rate_limit_error\",\"message\":\"cap\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}")
                .withHeader("retry-after", "60"),
            ErrorClass.AUTH, Optional.empty()),
        Arguments.of("500 api_error", FakeAnthropicServer.error(500, "api_error", "internal"),
            ErrorClass.SERVER, Optional.empty()),
        Arguments.of("400 invalid_request_error",
            FakeAnthropicServer.error(400, "invalid_request_error", "temperature: not allowed"),
            ErrorClass.INVALID_REQUEST, Optional.empty()),
        Arguments.of("413 request_too_large",
            FakeAnthropicServer.error(413, "request_too_large", "too big"),
            ErrorClass.INVALID_REQUEST, Optional.empty()),
        Arguments.of("overloaded error event with HTTP 200",
            FakeAnthropicServer.error(200, "overloaded_error", "Overloaded"),
            ErrorClass.OVERLOADED, Optional.empty()),
        Arguments.of("no content array", ScriptedReply.json(200,
                "{\"type\":\"message\",\"role\":\"assistant\",\"stop_reason\":\"end_turn\"}"),
            ErrorClass.SERVER, Optional.empty()),
        Arguments.of("truncated JSON",
            FakeAnthropicServer.text("some answer text here", 1, 1, 0, 0).truncatedJson(),
            ErrorClass.SERVER, Optional.empty()),
        Arguments.of("refusal", FakeAnthropicServer.message(
                tools.jackson.databind.json.JsonMapper.builder().build().createArrayNode(),
                "refusal", FakeAnthropicServer.usage(5, 0, 0, 0)),
            ErrorClass.CONTENT, Optional.empty()),
        Arguments.of("empty output", FakeAnthropicServer.text("", 5, 0, 0, 0),
            ErrorClass.CONTENT, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void classifiesFailures(String name, ScriptedReply reply, ErrorClass expected,
      Optional<Duration> retryAfter) {
    fake.enqueue(reply);

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider(config()).call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(expected);
    assertThat(e.retryAfter()).isEqualTo(retryAfter);
    assertThat(e.httpStatus()).isEqualTo(reply.status());
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void timeoutCancelsTheHttpRequest() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("late", 1, 1, 0, 0).heldFor(Duration.ofSeconds(20)));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider(config().withTimeout(Duration.ofMillis(250)))
            .call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(fake.awaitClientHangUp(Duration.ofSeconds(10))).isTrue();
  }
}
