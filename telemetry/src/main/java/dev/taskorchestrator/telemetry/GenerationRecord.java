package dev.taskorchestrator.telemetry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished model call, recorded as a Langfuse generation by
 * {@link Observations#recordGeneration}.
 *
 * @param provider provider name ({@code anthropic}, {@code openai}, {@code sampling}...)
 * @param model the model asked for
 * @param responseModel the model that answered, when the provider says
 * @param input the prompt (messages JSON or text); recorded only when content capture is on
 * @param output the completion; recorded only when content capture is on
 * @param usage token counts by Langfuse usage key ({@code input}, {@code output},
 *     {@code cache_read_input_tokens}, {@code cache_creation_input_tokens}...)
 * @param costUsd our cost by the same keys, exact; {@code total} is added as the sum when absent
 * @param startedAt when the (first) request was sent
 * @param latency wall time until the answer was complete
 * @param timeToFirstToken time until the first token, when streamed
 * @param finishReason the provider's stop/finish reason
 * @param retries failed attempts before the one that answered
 * @param error set when the call finally failed
 */
public record GenerationRecord(
    String provider,
    String model,
    Optional<String> responseModel,
    Optional<String> input,
    Optional<String> output,
    Map<String, Long> usage,
    Map<String, BigDecimal> costUsd,
    Instant startedAt,
    Duration latency,
    Optional<Duration> timeToFirstToken,
    Optional<String> finishReason,
    List<RetryEvent> retries,
    Optional<String> error) {

  public GenerationRecord {
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(responseModel, "responseModel is null");
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(output, "output is null");
    usage = Map.copyOf(new LinkedHashMap<>(usage));
    costUsd = Map.copyOf(new LinkedHashMap<>(costUsd));
    usage.forEach((k, v) -> {
      if (v < 0) {
        throw new IllegalArgumentException("usage " + k + " is negative: " + v);
      }
    });
    costUsd.forEach((k, v) -> {
      if (v.signum() < 0) {
        throw new IllegalArgumentException("cost " + k + " is negative: " + v);
      }
    });
    Objects.requireNonNull(startedAt, "startedAt is null");
    Objects.requireNonNull(latency, "latency is null");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency is negative: " + latency);
    }
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken is null");
    Objects.requireNonNull(finishReason, "finishReason is null");
    retries = List.copyOf(retries);
    Objects.requireNonNull(error, "error is null");
  }

  /** Total cost: the {@code total} entry, or the sum of all entries. */
  public BigDecimal totalCostUsd() {
    BigDecimal total = costUsd.get("total");
    return total != null ? total : costUsd.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public static Builder builder(String provider, String model) {
    return new Builder(provider, model);
  }

  /** Builder: provider and model are required; {@code startedAt} and {@code latency} should be set. */
  public static final class Builder {
    private final String provider;
    private final String model;
    private String responseModel;
    private String input;
    private String output;
    private Map<String, Long> usage = Map.of();
    private Map<String, BigDecimal> costUsd = Map.of();
    private Instant startedAt = Instant.now();
    private Duration latency = Duration.ZERO;
    private Duration timeToFirstToken;
    private String finishReason;
    private List<RetryEvent> retries = List.of();
    private String error;

    private Builder(String provider, String model) {
      this.provider = provider;
      this.model = model;
    }

    public Builder responseModel(String v) { responseModel = v; return this; }
    public Builder input(String v) { input = v; return this; }
    public Builder output(String v) { output = v; return this; }
    public Builder usage(Map<String, Long> v) { usage = v; return this; }
    public Builder costUsd(Map<String, BigDecimal> v) { costUsd = v; return this; }
    public Builder startedAt(Instant v) { startedAt = v; return this; }
    public Builder latency(Duration v) { latency = v; return this; }
    public Builder timeToFirstToken(Duration v) { timeToFirstToken = v; return this; }
    public Builder finishReason(String v) { finishReason = v; return this; }
    public Builder retries(List<RetryEvent> v) { retries = v; return this; }
    public Builder error(String v) { error = v; return this; }

    public GenerationRecord build() {
      return new GenerationRecord(provider, model, Optional.ofNullable(responseModel),
          Optional.ofNullable(input), Optional.ofNullable(output), usage, costUsd, startedAt, latency,
          Optional.ofNullable(timeToFirstToken), Optional.ofNullable(finishReason), retries,
          Optional.ofNullable(error));
    }
  }
}
