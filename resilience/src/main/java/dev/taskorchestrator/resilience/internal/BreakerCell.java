package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.resilience.BreakerSettings;
import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.BreakerStatus;
import dev.taskorchestrator.resilience.BreakerTransition;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.PersistedBreaker;
import dev.taskorchestrator.resilience.QualityFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.TransitionCheckResult;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker: a Resilience4j {@link CircuitBreaker} (count-based failure-rate window, the
 * open interval on the injected clock, events) plus the rules it lacks: open after N consecutive
 * failures, at most {@code halfOpenProbes} probes in flight, reopen on the first failed probe, and
 * persistence of every transition.
 *
 * <p>Resilience4j's half-open state admits {@code closeAfterSuccesses} calls at once and decides only
 * after all of them; the probe gate here lets them through one at a time and a failed one reopens at
 * once.
 */
public final class BreakerCell {

  private static final Logger LOG = LoggerFactory.getLogger(BreakerCell.class);

  private final String name;
  private final BreakerKind kind;
  private final BreakerSettings settings;
  private final ResilienceEnvironment env;
  private final Duration openInterval;
  private final Semaphore probeGate;
  private final CircuitBreaker breaker;
  private final BreakerCounters counters = new BreakerCounters();
  private volatile Restore restoring;

  public BreakerCell(String name, BreakerKind kind, BreakerSettings settings, ResilienceEnvironment env) {
    this.name = name;
    this.kind = kind;
    this.settings = settings;
    this.env = env;
    this.openInterval = env.scaled(settings.openDuration());
    this.probeGate = new Semaphore(settings.halfOpenProbes());
    this.breaker = CircuitBreaker.of(name, config());
    breaker.getEventPublisher().onStateTransition(e -> onTransition(
        toState(e.getStateTransition().getFromState()), toState(e.getStateTransition().getToState())));
  }

  private CircuitBreakerConfig config() {
    return CircuitBreakerConfig.custom()
        .slidingWindow(settings.windowSize(), settings.minimumCalls(), SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(openInterval)
        .permittedNumberOfCallsInHalfOpenState(settings.closeAfterSuccesses())
        .slowCallDurationThreshold(Duration.ofDays(1))
        .recordException(t -> true)
        .transitionOnResult(outcome -> outcome.isRight()
            && counters.consecutiveFailures() >= settings.consecutiveFailures()
            ? TransitionCheckResult.transitionToOpenAndWaitFor(openInterval)
            : TransitionCheckResult.noTransition())
        .clock(env.clock())
        .writableStackTraceEnabled(false)
        .build();
  }

  public String name() {
    return name;
  }

  public BreakerKind kind() {
    return kind;
  }

  /** A permit to make one call, or empty when the breaker refuses. */
  public Optional<Permit> tryAcquire() {
    boolean probe = breaker.getState() != CircuitBreaker.State.CLOSED;
    if (probe && !probeGate.tryAcquire()) {
      return Optional.empty();
    }
    if (!breaker.tryAcquirePermission()) {
      if (probe) {
        probeGate.release();
      }
      return Optional.empty();
    }
    if (!probe && breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      // it opened and half-opened since we looked: this call is a probe after all
      if (!probeGate.tryAcquire()) {
        breaker.releasePermission();
        return Optional.empty();
      }
      probe = true;
    }
    return Optional.of(new Permit(probe, System.nanoTime()));
  }

  /** The call succeeded. */
  public void onSuccess(Permit permit) {
    counters.onSuccess();
    breaker.onSuccess(permit.elapsedNanos(), TimeUnit.NANOSECONDS);
    permit.release(probeGate);
  }

  /** The call failed; failures that say nothing about the service release the permit unrecorded. */
  public void onFailure(Permit permit, ResilienceFailure failure) {
    if (failure.countsAgainstCircuit()) {
      counters.onFailure(failure.errorClass(), failure.message());
      breaker.onError(permit.elapsedNanos(), TimeUnit.NANOSECONDS, failure.cause());
      reopenIfHalfOpen();
    } else {
      breaker.releasePermission();
    }
    permit.release(probeGate);
  }

  /** The call ended without an outcome (cancelled, bulkhead full, passed-through exception). */
  public void release(Permit permit) {
    breaker.releasePermission();
    permit.release(probeGate);
  }

  /** The last successful call's output was unusable: count it as a failure instead. */
  public void reportQualityFailure(String message) {
    String redacted = BreakerMessages.redact(message);
    counters.onQualityFailure(redacted);
    breaker.onError(0, TimeUnit.NANOSECONDS, new QualityFailure(redacted));
    reopenIfHalfOpen();
  }

  private void reopenIfHalfOpen() {
    if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      try {
        breaker.transitionToOpenState();
      } catch (IllegalStateTransitionException raced) {
        LOG.debug("breaker {} changed state while reopening", name, raced);
      }
    }
  }

  /** Whether a call would be admitted now (no permit is taken). */
  public boolean admitsNow() {
    return switch (state()) {
      case CLOSED -> true;
      case OPEN -> nextHalfOpen().map(t -> env.clock().instant().isAfter(t)).orElse(true);
      case HALF_OPEN -> probeGate.availablePermits() > 0;
    };
  }

  public BreakerState state() {
    return toState(breaker.getState());
  }

  /** When an OPEN breaker admits its first probe. */
  public Optional<Instant> nextHalfOpen() {
    return state() == BreakerState.OPEN ? counters.openUntil() : Optional.empty();
  }

  public ErrorClass lastErrorClassOr(ErrorClass fallback) {
    return counters.lastErrorClass().orElse(fallback);
  }

  public String lastMessage() {
    return counters.lastMessage().orElse("");
  }

  public BreakerStatus status() {
    CircuitBreaker.Metrics m = breaker.getMetrics();
    int calls = m.getNumberOfBufferedCalls();
    int failed = m.getNumberOfFailedCalls();
    BreakerState state = state();
    return new BreakerStatus(name, kind, state, calls == 0 ? 0.0 : (double) failed / calls, calls,
        failed, counters.consecutiveFailures(), counters.lastErrorClass(), counters.lastMessage(),
        state == BreakerState.CLOSED ? Optional.empty() : counters.openedAt(), nextHalfOpen());
  }

  /** Puts back a stored state without writing it again: an open breaker keeps its remaining wait. */
  public void restore(PersistedBreaker stored) {
    Instant now = env.clock().instant();
    counters.restore(stored);
    if (stored.state() == BreakerState.CLOSED) {
      return;
    }
    // a breaker stored half-open had its wait over already: it probes on the next call
    Instant until = stored.state() == BreakerState.OPEN ? stored.openUntil().orElse(now) : now;
    restoring = new Restore(stored.openedAt().orElse(now), until);
    try {
      breaker.transitionToOpenStateUntil(until);
    } finally {
      restoring = null;
    }
  }

  private void onTransition(BreakerState from, BreakerState to) {
    if (from == to) {
      return;
    }
    Instant now = env.clock().instant();
    Restore restore = restoring;
    switch (to) {
      case OPEN -> counters.opened(restore != null ? restore.openedAt() : now,
          restore != null ? restore.until() : now.plus(openInterval));
      case CLOSED -> counters.closed();
      case HALF_OPEN -> { }
    }
    if (restore != null) {
      LOG.info("breaker {} restored {} until {}", name, to.wireName(), restore.until());
      return;
    }
    LOG.info("breaker {} {} -> {}", name, from.wireName(), to.wireName());
    persist(to, now);
    env.transitions().accept(new BreakerTransition(name, kind, from, to, now,
        counters.lastErrorClass(), counters.lastMessage(),
        to == BreakerState.OPEN ? counters.openUntil() : Optional.empty()));
  }

  private void persist(BreakerState state, Instant now) {
    try {
      env.store().save(new PersistedBreaker(name, kind, state,
          state == BreakerState.CLOSED ? Optional.empty() : counters.openedAt(),
          state == BreakerState.OPEN ? counters.openUntil() : Optional.empty(),
          counters.consecutiveFailures(), counters.lastErrorClass(), counters.lastMessage(), now));
    } catch (RuntimeException e) {
      // losing a breaker's state on restart is better than failing the call that moved it
      LOG.warn("could not store breaker {} state {}: {}", name, state.wireName(), e.toString());
    }
  }

  private static BreakerState toState(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
      case OPEN, FORCED_OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
  }

  private record Restore(Instant openedAt, Instant until) {}

  /** Permission for one call; a probe also holds a slot of the probe gate. */
  public record Permit(boolean probe, long startNanos) {
    long elapsedNanos() {
      return Math.max(0, System.nanoTime() - startNanos);
    }

    void release(Semaphore gate) {
      if (probe) {
        gate.release();
      }
    }
  }
}
