package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.BreakerKind;
import dev.taskorchestrator.resilience.BreakerState;
import dev.taskorchestrator.resilience.BreakerStatus;
import dev.taskorchestrator.resilience.CallGuard;
import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.GuardedCallException;
import dev.taskorchestrator.resilience.ResilienceSettings;
import dev.taskorchestrator.resilience.RetryAttempt;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@link CallGuard} as Resilience4j Retry → breaker ({@link BreakerCell}) → Bulkhead → deadline →
 * call. Retry's own sleep is a JVM-wide static, so the interval function waits through the injected
 * {@link dev.taskorchestrator.resilience.RetrySleeper} itself and hands Resilience4j a zero interval.
 */
public final class ResilienceGuard implements CallGuard {

  private final ResilienceSettings settings;
  private final ResilienceEnvironment env;
  private final BreakerCell cell;
  private final Bulkhead bulkhead;
  private final Retry retry;
  private final BackoffSchedule backoff;
  private final Duration attemptTimeout;

  public ResilienceGuard(BreakerCell cell, ResilienceSettings settings, ResilienceEnvironment env) {
    this.cell = cell;
    this.settings = settings;
    this.env = env;
    this.backoff = new BackoffSchedule(settings.retry(), env.jitterRandom());
    this.attemptTimeout = settings.timeout();
    this.bulkhead = Bulkhead.of(cell.name(), BulkheadConfig.custom()
        .maxConcurrentCalls(settings.maxConcurrentCalls())
        .maxWaitDuration(settings.queueWait())
        .writableStackTraceEnabled(false)
        .build());
    this.retry = Retry.of(cell.name(), RetryConfig.<Object>custom()
        .maxAttempts(settings.retry().maxRetries() + 1)
        .retryOnException(t -> t instanceof AttemptFailed f && f.failure.retryable() && !f.run.interrupted)
        .intervalBiFunction(this::waitBeforeRetry)
        .build());
  }

  @Override
  public String name() {
    return cell.name();
  }

  @Override
  public BreakerKind kind() {
    return cell.kind();
  }

  public BreakerCell cell() {
    return cell;
  }

  @Override
  public <T> T call(AttemptCallable<T> body) throws GuardedCallException {
    CallRun run = new CallRun();
    Callable<T> attempts = Retry.decorateCallable(retry, () -> attempt(run, body));
    try {
      return attempts.call();
    } catch (AttemptFailed f) {
      throw afterFailure(run, f.failure);
    } catch (Refused r) {
      throw r.exception;
    } catch (PassedThrough p) {
      throw p.unchecked;
    } catch (Exception unexpected) {
      throw GuardedCallException.failed(name(), ErrorClass.SERVER, run.invoked,
          BreakerMessages.redact(unexpected.toString()), Optional.empty(), unexpected);
    }
  }

  private GuardedCallException afterFailure(CallRun run, ResilienceFailure last) {
    if (run.interrupted) {
      Thread.currentThread().interrupt();
      return GuardedCallException.interrupted(name(), run.invoked, last.cause());
    }
    if (run.stoppedByOpenCircuit) {
      return circuitOpen(run);
    }
    return GuardedCallException.failed(name(), last.errorClass(), run.invoked, last.message(),
        last.retryAfter(), last.cause());
  }

  private <T> T attempt(CallRun run, AttemptCallable<T> body) throws Exception {
    BreakerCell.Permit permit = cell.tryAcquire().orElseThrow(() -> new Refused(circuitOpen(run)));
    if (!bulkhead.tryAcquirePermission()) {
      cell.release(permit);
      throw new Refused(GuardedCallException.bulkheadFull(name(), run.invoked,
          settings.maxConcurrentCalls()));
    }
    try {
      return invoke(run, body, permit);
    } finally {
      bulkhead.onComplete();
    }
  }

  private <T> T invoke(CallRun run, AttemptCallable<T> body, BreakerCell.Permit permit)
      throws Exception {
    run.invoked++;
    Attempt attempt = new Attempt(run.invoked, env.clock().instant().plus(attemptTimeout), attemptTimeout);
    DeadlineWatchdog.Armed deadline = env.watchdog().arm(attemptTimeout);
    T result;
    try {
      result = body.call(attempt);
    } catch (Exception e) {
      throw failedAttempt(run, e, deadline.disarm(), permit);
    } catch (Error e) {
      deadline.disarm();
      cell.release(permit);
      throw e;
    }
    deadline.disarm(); // a result that arrived despite the interrupt is still a result
    cell.onSuccess(permit);
    return result;
  }

  private Exception failedAttempt(CallRun run, Exception e, boolean timedOut, BreakerCell.Permit permit) {
    if (timedOut) {
      ResilienceFailure timeout = ResilienceFailure.timeout(e, attemptTimeout);
      cell.onFailure(permit, timeout);
      return new AttemptFailed(timeout, run);
    }
    if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
      cell.release(permit);
      run.interrupted = true;
      return new AttemptFailed(ResilienceFailure.classify(e), run);
    }
    if (e instanceof RuntimeException unchecked && env.passThrough().test(unchecked)) {
      cell.release(permit);
      return new PassedThrough(unchecked);
    }
    ResilienceFailure failure = ResilienceFailure.classify(e);
    cell.onFailure(permit, failure);
    return new AttemptFailed(failure, run);
  }

  /** Resilience4j's interval function: -1 stops retrying, 0 means "already waited". */
  private Long waitBeforeRetry(Integer failedAttempts, Either<Throwable, Object> outcome) {
    if (!(outcome.isLeft() && outcome.getLeft() instanceof AttemptFailed failed)) {
      return -1L;
    }
    CallRun run = failed.run;
    ResilienceFailure failure = failed.failure;
    Optional<Duration> delay = backoff.delay(failedAttempts, failure.retryAfter());
    if (delay.isEmpty() || run.interrupted) {
      return -1L;
    }
    if (cell.state() == BreakerState.OPEN) {
      run.stoppedByOpenCircuit = true;
      return -1L;
    }
    env.retries().accept(new RetryAttempt(name(), kind(), failedAttempts, failure.errorClass(),
        failure.message(), delay.get(), failure.retryAfter(), env.clock().instant()));
    try {
      env.sleeper().sleep(env.scaled(delay.get()));
      return 0L;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.interrupted = true;
      return -1L;
    }
  }

  private GuardedCallException circuitOpen(CallRun run) {
    Instant now = env.clock().instant();
    Duration wait = cell.nextHalfOpen().map(t -> Duration.between(now, t))
        .filter(Duration::isPositive).orElse(Duration.ZERO);
    return GuardedCallException.circuitOpen(name(), cell.lastErrorClassOr(ErrorClass.SERVER),
        run.invoked, cell.lastMessage(), wait);
  }

  @Override
  public void reportQualityFailure(String message) {
    cell.reportQualityFailure(message);
  }

  @Override
  public boolean admits() {
    return cell.admitsNow();
  }

  @Override
  public BreakerStatus status() {
    return cell.status();
  }

  /** One {@link #call}: how many times the body ran, and why retrying stopped. */
  private static final class CallRun {
    int invoked;
    boolean interrupted;
    boolean stoppedByOpenCircuit;
  }

  /** An attempt failed; carries its call so that the interval function can see it. */
  private static final class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ResilienceFailure failure;
    final transient CallRun run;

    AttemptFailed(ResilienceFailure failure, CallRun run) {
      super(failure.message(), failure.cause(), false, false);
      this.failure = failure;
      this.run = run;
    }
  }

  /** The breaker or the bulkhead refused the attempt: never retried. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final GuardedCallException exception;

    Refused(GuardedCallException exception) {
      super(exception.getMessage(), null, false, false);
      this.exception = exception;
    }
  }

  /** An exception the registry was told to let through unchanged. */
  private static final class PassedThrough extends Exception {
    private static final long serialVersionUID = 1L;
    final RuntimeException unchecked;

    PassedThrough(RuntimeException unchecked) {
      super(unchecked.getMessage(), unchecked, false, false);
      this.unchecked = unchecked;
    }
  }
}
