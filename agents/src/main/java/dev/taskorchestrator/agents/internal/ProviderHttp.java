package dev.taskorchestrator.agents.internal;

import static java.util.Objects.requireNonNull;

import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.agents.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JSON POST with a hard deadline. The deadline is enforced twice: {@link HttpRequest#timeout}
 * (connect and response headers) and a bounded wait on {@code sendAsync} that cancels the future,
 * which aborts the exchange and closes the connection, so a slow body cannot outlive it.
 */
final class ProviderHttp {
  /** What came back, with the measured wall time. */
  record Reply(int status, HttpHeaders headers, String body, Duration latency) {}

  private final String provider;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  ProviderHttp(String provider, HttpClient http, Duration timeout, Clock clock) {
    this.provider = requireNonNull(provider, "provider is null");
    this.http = requireNonNull(http, "http is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  Clock clock() {
    return clock;
  }

  Reply post(URI uri, Map<String, String> headers, String json) throws ProviderException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> future =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return new Reply(response.statusCode(), response.headers(), response.body(), latency);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProviderException(ErrorClass.TIMEOUT, provider, "the call was interrupted",
          Optional.empty(), 0, e);
    } catch (ExecutionException e) {
      throw transportFailure(e.getCause() == null ? e : e.getCause());
    }
  }

  private ProviderException timedOut(Exception cause) {
    return new ProviderException(ErrorClass.TIMEOUT, provider,
        "no answer within " + timeout.toMillis() + " ms; the request was cancelled",
        Optional.empty(), 0, cause);
  }

  private ProviderException transportFailure(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new ProviderException(ErrorClass.NETWORK, provider,
          "could not connect within " + timeout.toMillis() + " ms", Optional.empty(), 0, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut((Exception) cause);
    }
    if (cause instanceof ConnectException) {
      return new ProviderException(ErrorClass.NETWORK, provider,
          "connection refused or unreachable", Optional.empty(), 0, cause);
    }
    if (cause instanceof IOException) {
      return new ProviderException(ErrorClass.NETWORK, provider,
          "connection failed: " + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
          Optional.empty(), 0, cause);
    }
    return new ProviderException(ErrorClass.NETWORK, provider,
        "the HTTP call failed: " + cause.getClass().getSimpleName(), Optional.empty(), 0, cause);
  }
}
