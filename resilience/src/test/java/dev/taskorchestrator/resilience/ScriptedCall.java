package dev.taskorchestrator.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A callee that plays a script of failures and results, and records when it was invoked. */
final class ScriptedCall implements Callable<String> {

  private final ConcurrentLinkedQueue<Object> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger invocations = new AtomicInteger();
  private final List<Long> invokedAtNanos = new ArrayList<>();
  private Object then = "ok";

  static ScriptedCall of(Object... steps) {
    ScriptedCall c = new ScriptedCall();
    c.script.addAll(List.of(steps));
    return c;
  }

  /** What every invocation after the script returns or throws. */
  ScriptedCall thenAlways(Object step) {
    then = step;
    return this;
  }

  @Override
  public String call() throws Exception {
    invocations.incrementAndGet();
    synchronized (invokedAtNanos) {
      invokedAtNanos.add(System.nanoTime());
    }
    Object step = script.poll();
    if (step == null) {
      step = then;
    }
    if (step instanceof Exception e) {
      throw e;
    }
    return (String) step;
  }

  int invocations() {
    return invocations.get();
  }

  /** Real time between invocation i-1 and i. */
  Duration gapBefore(int i) {
    synchronized (invokedAtNanos) {
      return Duration.ofNanos(invokedAtNanos.get(i) - invokedAtNanos.get(i - 1));
    }
  }

  static Failure fail(ErrorClass c) {
    return new Failure(c, null, c.wireName() + " failure");
  }

  static Failure fail(ErrorClass c, Duration retryAfter) {
    return new Failure(c, retryAfter, c.wireName() + " failure");
  }

  /** What a provider client throws: a classified failure with an optional Retry-After. */
  static final class Failure extends Exception implements ClassifiedFailure {
    private static final long serialVersionUID = 1L;
    private final ErrorClass errorClass;
    private final transient Duration retryAfter;

    Failure(ErrorClass errorClass, Duration retryAfter, String message) {
      super(message);
      this.errorClass = errorClass;
      this.retryAfter = retryAfter;
    }

    @Override
    public ErrorClass errorClass() {
      return errorClass;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }
}
