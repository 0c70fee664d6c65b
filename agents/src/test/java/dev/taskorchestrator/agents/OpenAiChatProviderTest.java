package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer.Call;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiChatProviderTest {
  static final String KEY = "sk-test-secret-123456";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Map<String, Object> SEARCH_SCHEMA = Map.of("type", "object",
      "properties", Map.of("query", Map.of("type", "string")), "required", List.of("query"));

  final FakeOpenAiServer fake = FakeOpenAiServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  ProviderConfig config() {
    return ProviderConfig.of("local", ProviderType.OPENAI).withBaseUrl(fake.baseUrl())
        .withApiKeyEnv("TEST_OPENAI_KEY").withModels(List.of("qwen2.5-coder"));
  }

  ModelProvider provider(ProviderConfig config) {
    return Providers.create(config, Map.of("TEST_OPENAI_KEY", KEY)::get, HTTP);
  }

  @Test
  void sendsChatCompletionsRequestWithBearerKeySystemPromptAndLimits() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("hello", 12, 3, 0));
    ProviderConfig config = new ProviderConfig("local", ProviderType.OPENAI, fake.baseUrl(),
        "TEST_OPENAI_KEY", List.of("qwen2.5-coder"), null, null,
        Map.of("HTTP-Referer", "https://example.test"), null);
    ModelRequest request = new ModelRequest("qwen2.5-coder", "Be brief.",
        List.of(new UserMessage("Say hello")), List.of(), 0.2, 256, null);

    provider(config).call(request);

    var sent = fake.lastRequest();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.header("content-type")).isEqualTo("application/json");
    assertThat(sent.header("http-referer")).isEqualTo("https://example.test");
    JsonNode json = sent.json();
    assertThat(json.path("model").asString()).isEqualTo("qwen2.5-coder");
    assertThat(json.path("messages").toString()).isEqualTo(
        "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say hello\"}]");
    assertThat(json.path("temperature").asDouble()).isEqualTo(0.2);
    // A loopback server is not api.openai.com: AUTO sends the field every compatible server knows.
    assertThat(json.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(json.has("max_completion_tokens")).isFalse();
    assertThat(json.has("tools")).isFalse();
  }

  @Test
  void sendsMaxCompletionTokensWhenConfigured() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("ok", 1, 1, 0));
    ProviderConfig c = config();
    ProviderConfig config = new ProviderConfig(c.name(), c.type(), c.baseUrl(), c.apiKeyEnv(),
        c.models(), null, null, null, MaxTokensParameter.MAX_COMPLETION_TOKENS);

    provider(config).call(ModelRequest.of("", "hi", 99));

    JsonNode json = fake.lastRequest().json();
    assertThat(json.path("max_completion_tokens").asInt()).isEqualTo(99);
    assertThat(json.has("max_tokens")).isFalse();
    assertThat(json.has("temperature")).isFalse();
  }

  @Test
  void mapsTextAnswerAndUsageIncludingCachedTokens() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("hello there", 1200, 30, 1000));

    ModelResponse response = provider(config()).call(ModelRequest.of("", "hi", 50));

    assertThat(response.provider()).isEqualTo("local");
    assertThat(response.model()).isEqualTo("gpt-fake-2026");
    assertThat(response.text()).isEqualTo("hello there");
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.latency()).isPositive();
    ModelUsage usage = response.usage();
    assertThat(usage.inputTokens()).isEqualTo(1200);
    assertThat(usage.cachedInputTokens()).isEqualTo(1000);
    assertThat(usage.uncachedInputTokens()).isEqualTo(200);
    assertThat(usage.cacheWriteTokens()).isZero();
    assertThat(usage.outputTokens()).isEqualTo(30);
    assertThat(usage.raw()).containsEntry("prompt_tokens", 1200L)
        .containsEntry("prompt_tokens_details.cached_tokens", 1000L)
        .containsEntry("completion_tokens_details.reasoning_tokens", 0L);
  }

  @Test
  void sendsToolsAsFunctionsWithWireSafeNamesAndParsesToolCalls() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCalls(
        new Call("call_1", "github__search_issues", "{\"query\":\"bug\",\"limit\":5}"),
        new Call("call_2", "fs__read", "")));
    ModelRequest request = new ModelRequest(null, "", List.of(new UserMessage("find bugs")),
        List.of(new ToolDefinition("github.search_issues", "Search issues", SEARCH_SCHEMA),
            new ToolDefinition("fs.read", "Read a file", Map.of("type", "object"))),
        null, 100, null);

    ModelResponse response = provider(config()).call(request);

    JsonNode tool = fake.lastRequest().json().path("tools").get(0);
    assertThat(tool.path("type").asString()).isEqualTo("function");
    assertThat(tool.path("function").path("name").asString()).isEqualTo("github__search_issues");
    assertThat(tool.path("function").path("description").asString()).isEqualTo("Search issues");
    assertThat(tool.path("function").path("parameters").path("required").get(0).asString())
        .isEqualTo("query");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.text()).isEmpty();
    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("call_1", "github.search_issues", Map.of("query", "bug", "limit", 5)),
        new ToolCall("call_2", "fs.read", Map.of()));
  }

  @Test
  void acceptsOllamaStyleToolCallsWithObjectArgumentsNoIdsAndNoUsage() throws Exception {
    fake.enqueue(ScriptedReply.json(200, "{\"choices\":[{\"index\":0,\"message\":{"
        + "\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{"
        + "\"name\":\"fs__read\",\"arguments\":{\"path\":\"a.txt\"}}}]},"
        + "\"finish_reason\":\"stop\"}]}"));
    ModelRequest request = new ModelRequest(null, "", List.of(new UserMessage("read")),
        List.of(new ToolDefinition("fs.read", "Read", Map.of("type", "object"))), null, 50, null);

    ModelResponse response = provider(config()).call(request);

    assertThat(response.model()).as("the model sent, when the answer names none")
        .isEqualTo("qwen2.5-coder");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("call_0", "fs.read", Map.of("path", "a.txt")));
    assertThat(response.usage()).isEqualTo(ModelUsage.of(0, 0));
  }

  @Test
  void sendsToolCallsAndToolResultsBackOnTheNextTurn() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("2 bugs found", 40, 4, 0));
    ToolCall call = new ToolCall("call_1", "github.search_issues", Map.of("query", "bug"));
    ModelRequest request = new ModelRequest(null, "", List.of(
        new UserMessage("find bugs"),
        new AssistantMessage("", List.of(call)),
        new ToolResultMessage("call_1", "github.search_issues", "[\"#1\",\"#2\"]", false),
        new ToolResultMessage("call_9", "github.search_issues", "rate limited", true)),
        List.of(new ToolDefinition("github.search_issues", "Search", SEARCH_SCHEMA)), null, 100,
        null);

    provider(config()).call(request);

    JsonNode messages = fake.lastRequest().json().path("messages");
    JsonNode assistant = messages.get(1);
    assertThat(assistant.path("role").asString()).isEqualTo("assistant");
    assertThat(assistant.path("content").isNull()).isTrue();
    JsonNode sentCall = assistant.path("tool_calls").get(0);
    assertThat(sentCall.path("id").asString()).isEqualTo("call_1");
    assertThat(sentCall.path("type").asString()).isEqualTo("function");
    assertThat(sentCall.path("function").path("name").asString())
        .isEqualTo("github__search_issues");
    assertThat(sentCall.path("function").path("arguments").asString())
        .isEqualTo("{\"query\":\"bug\"}");
    assertThat(messages.get(2).toString()).isEqualTo(
        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"[\\\"#1\\\",\\\"#2\\\"]\"}");
    assertThat(messages.get(3).path("content").asString()).isEqualTo("ERROR: rate limited");
  }

  @Test
  void sendsResponseSchemaAsJsonSchemaResponseFormat() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("{\"verdict\":\"pass\"}", 5, 5, 0));
    Map<String, Object> schema = Map.of("type", "object",
        "properties", Map.of("verdict", Map.of("type", "string")));
    ModelRequest request = new ModelRequest(null, "", List.of(new UserMessage("judge")),
        List.of(), null, 100, schema);

    provider(config()).call(request);

    JsonNode format = fake.lastRequest().json().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("name").asString()).isEqualTo("response");
    assertThat(format.path("json_schema").path("schema").path("properties").has("verdict"))
        .isTrue();
  }

  @Test
  void usesItsDefaultModelWhenTheRequestNamesOneItDoesNotServe() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("a", 1, 1, 0), FakeOpenAiServer.text("b", 1, 1, 0));
    ModelProvider provider = provider(config());

    provider.call(ModelRequest.of("", "hi", 10).withModel("claude-sonnet-9"));
    provider.call(ModelRequest.of("", "hi", 10));

    assertThat(fake.requests()).extracting(r -> r.json().path("model").asString())
        .containsExactly("qwen2.5-coder", "qwen2.5-coder");
  }

  @Test
  void takesBaseUrlFromOpenAiBaseUrlWhenNoneIsConfigured() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("via env", 1, 1, 0));
    ProviderConfig config = ProviderConfig.of("env", ProviderType.OPENAI)
        .withModels(List.of("m"));

    ModelResponse response = Providers.create(config,
        Map.of("OPENAI_BASE_URL", fake.baseUrl() + "/", "OPENAI_API_KEY", KEY)::get, HTTP)
        .call(ModelRequest.of("", "hi", 10));

    assertThat(response.text()).isEqualTo("via env");
    assertThat(fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
  }

  @Test
  void sendsNoAuthorizationWhenTheKeyVariableIsUnset() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("local", 1, 1, 0),
        FakeOpenAiServer.error(401, "invalid_request_error", "Missing bearer", null));
    ModelProvider provider = Providers.create(config(), name -> null, HTTP);

    provider.call(ModelRequest.of("", "hi", 10));
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(ModelRequest.of("", "hi", 10)));

    assertThat(fake.requests().getFirst().header("authorization")).isNull();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.getMessage()).isEqualTo(
        "no API key: environment variable TEST_OPENAI_KEY is not set (HTTP 401)");
  }

  @Test
  void reportsARefusedKeyByItsVariableNeverByItsValue() {
    fake.enqueue(FakeOpenAiServer.error(401, "invalid_request_error",
        "Incorrect API key provided: " + KEY + ".", "invalid_api_key"));
    ModelProvider provider = provider(config());

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).isEqualTo(
        "the API key from environment variable TEST_OPENAI_KEY was refused (HTTP 401)");
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.toString()).doesNotContain(KEY);
    assertThat(provider.toString()).doesNotContain(KEY).contains("TEST_OPENAI_KEY");
  }

  @Test
  void scrubsTheKeyFromProviderMessagesOfOtherErrors() {
    fake.enqueue(FakeOpenAiServer.error(400, "invalid_request_error",
        "bad request for key " + KEY, null));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider(config()).call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_REQUEST);
    assertThat(e.getMessage()).doesNotContain(KEY).contains("bad request for key [REDACTED]");
  }

  @Test
  void timeoutCancelsTheHttpRequest() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("too late", 1, 1, 0).heldFor(Duration.ofSeconds(20)));
    ModelProvider provider = provider(config().withTimeout(Duration.ofMillis(300)));

    long start = System.nanoTime();
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider.call(ModelRequest.of("", "hi", 10)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    assertThat(e.httpStatus()).isZero();
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(fake.awaitClientHangUp(Duration.ofSeconds(10)))
        .as("the fake saw the client close the connection").isTrue();
  }

  @Test
  void classifiesRefusedConnectionAsNetwork() {
    ProviderConfig config = config().withBaseUrl(
        FakeOpenAiServer.unusedLoopbackUrl("/v1"));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> provider(config).call(ModelRequest.of("", "hi", 10)));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
    assertThat(e.provider()).isEqualTo("local");
  }
}
