package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code sampling} provider: the model call goes back to the calling assistant
 * ({@code sampling/createMessage}), so the server works without any API key. MCP 2025-11-25 sampling in
 * the Java SDK 2.1 carries no tools, so agents on this provider run without downstream tools. The client
 * reports no token counts; they are estimated (4 characters a token) and marked as such.
 */
public final class SamplingProvider implements ModelProvider {

  private final String name;
  private final Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> client;
  private final boolean supported;
  private final Clock clock;

  /**
   * @param client sends the request to the MCP client of the current call
   * @param supported whether that client declared the sampling capability
   */
  public SamplingProvider(String name, Function<McpSchema.CreateMessageRequest, McpSchema.CreateMessageResult> client,
      boolean supported, Clock clock) {
    this.name = name;
    this.client = client;
    this.supported = supported;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ProviderType type() {
    return ProviderType.SAMPLING;
  }

  @Override
  public List<String> models() {
    return List.of();
  }

  /** Whether requests can be sent at all; the router skips this provider when not. */
  public boolean supported() {
    return supported;
  }

  @Override
  public ModelResponse call(ModelRequest request) throws ProviderException {
    if (!supported) {
      throw new ProviderException(ErrorClass.INVALID_REQUEST, name,
          "the MCP client did not declare the sampling capability", Optional.empty(), 0);
    }
    Instant start = clock.instant();
    McpSchema.CreateMessageResult result;
    try {
      result = client.apply(toSampling(request));
    } catch (McpError e) {
      String m = e.getJsonRpcError() != null ? e.getJsonRpcError().message() : "refused";
      throw new ProviderException(ErrorClass.INVALID_REQUEST, name, "the client refused sampling: " + m,
          Optional.empty(), 0);
    } catch (RuntimeException e) {
      ErrorClass cls = isTimeout(e) ? ErrorClass.TIMEOUT : ErrorClass.NETWORK;
      throw new ProviderException(cls, name, "sampling request failed: " + cls.summary(), Optional.empty(), 0);
    }
    String text = result.content() instanceof McpSchema.TextContent t ? t.text() : "";
    long in = estimateTokens(request);
    long out = Math.max(1, text.length() / 4);
    return new ModelResponse(name, result.model() == null ? "unknown" : result.model(), text, List.of(),
        new ModelUsage(in, out, 0, 0, Map.of("estimated", 1L)), Duration.between(start, clock.instant()),
        finishReason(result.stopReason()));
  }

  static McpSchema.CreateMessageRequest toSampling(ModelRequest request) {
    List<McpSchema.SamplingMessage> messages = request.messages().stream().map(SamplingProvider::toSampling).toList();
    var builder = McpSchema.CreateMessageRequest.builder(messages, request.maxTokens())
        .systemPrompt(request.systemPrompt())
        .includeContext(McpSchema.CreateMessageRequest.ContextInclusionStrategy.NONE);
    if (request.temperature() != null) {
      builder.temperature(request.temperature());
    }
    if (request.model() != null) {
      builder.modelPreferences(McpSchema.ModelPreferences.builder()
          .hints(List.of(McpSchema.ModelHint.of(request.model()))).build());
    }
    return builder.build();
  }

  private static McpSchema.SamplingMessage toSampling(Message m) {
    return switch (m) {
      case UserMessage u -> new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(u.text()));
      case AssistantMessage a -> new McpSchema.SamplingMessage(McpSchema.Role.ASSISTANT,
          new McpSchema.TextContent(a.text().isEmpty() ? "(no text)" : a.text()));
      case ToolResultMessage t -> new McpSchema.SamplingMessage(McpSchema.Role.USER,
          new McpSchema.TextContent("Result of " + t.toolName() + ": " + t.content()));
    };
  }

  private static long estimateTokens(ModelRequest r) {
    long chars = r.systemPrompt().length();
    for (Message m : r.messages()) {
      chars += switch (m) {
        case UserMessage u -> u.text().length();
        case AssistantMessage a -> a.text().length();
        case ToolResultMessage t -> t.content().length();
      };
    }
    return Math.max(1, chars / 4);
  }

  private static FinishReason finishReason(McpSchema.CreateMessageResult.StopReason reason) {
    if (reason == null) {
      return FinishReason.STOP;
    }
    return switch (reason) {
      case MAX_TOKENS -> FinishReason.LENGTH;
      case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
      default -> FinishReason.OTHER;
    };
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
