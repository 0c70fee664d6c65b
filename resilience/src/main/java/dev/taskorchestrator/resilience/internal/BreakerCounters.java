package dev.taskorchestrator.resilience.internal;

import dev.taskorchestrator.resilience.ErrorClass;
import dev.taskorchestrator.resilience.PersistedBreaker;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a breaker knows beyond Resilience4j's window: failures in a row, the last failure, and when
 * it opened and until when. Guarded by one lock; every method is short.
 */
final class BreakerCounters {

  private final ReentrantLock lock = new ReentrantLock();
  private int consecutive;
  /** The count a success just reset, so that a quality report on that success can undo the reset. */
  private int resetBySuccess = -1;
  private ErrorClass lastErrorClass;
  private String lastMessage;
  private Instant openedAt;
  private Instant openUntil;

  void onSuccess() {
    lock.lock();
    try {
      resetBySuccess = consecutive;
      consecutive = 0;
    } finally {
      lock.unlock();
    }
  }

  void onFailure(ErrorClass errorClass, String message) {
    lock.lock();
    try {
      consecutive++;
      resetBySuccess = -1;
      lastErrorClass = errorClass;
      lastMessage = message;
    } finally {
      lock.unlock();
    }
  }

  void onQualityFailure(String message) {
    lock.lock();
    try {
      consecutive = (resetBySuccess >= 0 ? resetBySuccess : consecutive) + 1;
      resetBySuccess = -1;
      lastErrorClass = ErrorClass.CONTENT;
      lastMessage = message;
    } finally {
      lock.unlock();
    }
  }

  void opened(Instant at, Instant until) {
    lock.lock();
    try {
      openedAt = at;
      openUntil = until;
    } finally {
      lock.unlock();
    }
  }

  void closed() {
    lock.lock();
    try {
      consecutive = 0;
      resetBySuccess = -1;
      openedAt = null;
      openUntil = null;
    } finally {
      lock.unlock();
    }
  }

  void restore(PersistedBreaker stored) {
    lock.lock();
    try {
      consecutive = stored.consecutiveFailures();
      lastErrorClass = stored.lastErrorClass().orElse(null);
      lastMessage = stored.lastMessage().orElse(null);
    } finally {
      lock.unlock();
    }
  }

  int consecutiveFailures() {
    lock.lock();
    try {
      return consecutive;
    } finally {
      lock.unlock();
    }
  }

  Optional<ErrorClass> lastErrorClass() {
    lock.lock();
    try {
      return Optional.ofNullable(lastErrorClass);
    } finally {
      lock.unlock();
    }
  }

  Optional<String> lastMessage() {
    lock.lock();
    try {
      return Optional.ofNullable(lastMessage);
    } finally {
      lock.unlock();
    }
  }

  Optional<Instant> openedAt() {
    lock.lock();
    try {
      return Optional.ofNullable(openedAt);
    } finally {
      lock.unlock();
    }
  }

  Optional<Instant> openUntil() {
    lock.lock();
    try {
      return Optional.ofNullable(openUntil);
    } finally {
      lock.unlock();
    }
  }
}
