package dev.taskorchestrator.resilience;

import static dev.taskorchestrator.resilience.ScriptedCall.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.testing.MutableClock;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResiliencePersistenceTest {

  private static final ResilienceSettings NO_RETRY =
      ResilienceSettings.ofDefaults().withRetry(RetrySettings.none());

  @TempDir
  Path tmp;

  private final MutableClock clock = MutableClock.atEpochPlusDays(2);

  private Database open() {
    return Database.open(tmp.resolve("t.db"), List.of(BreakerStore.schema()));
  }

  private ResilienceRegistry registry(BreakerStore store) {
    return ResilienceRegistry.builder().settings(NO_RETRY).clock(clock).store(store).build();
  }

  private static void failTimes(CallGuard guard, int times) {
    ScriptedCall failing = ScriptedCall.of().thenAlways(
        new ScriptedCall.Failure(ErrorClass.OVERLOADED, null, "529 overloaded, api_key=sk-secret-123456"));
    for (int i = 0; i < times; i++) {
      catchThrowableOfType(GuardedCallException.class, () -> guard.call(failing));
    }
  }

  @Test
  void anOpenBreakerIsStillOpenAfterARestartWithOnlyTheRemainingWait() throws Exception {
    Instant openedAt = clock.instant();
    try (Database db = open(); ResilienceRegistry first = registry(BreakerStore.sqlite(db))) {
      failTimes(first.guard("github.search_code", BreakerKind.TOOL), 3);
    }
    clock.advance(Duration.ofSeconds(10));

    try (Database db = open(); ResilienceRegistry second = registry(BreakerStore.sqlite(db))) {
      // visible to circuit_status before anyone calls the tool again
      BreakerStatus status = second.snapshot().getFirst();
      assertThat(status.name()).isEqualTo("github.search_code");
      assertThat(status.kind()).isEqualTo(BreakerKind.TOOL);
      assertThat(status.state()).isEqualTo(BreakerState.OPEN);
      assertThat(status.openedAt()).contains(openedAt);
      assertThat(status.nextHalfOpen()).contains(openedAt.plusSeconds(30));
      assertThat(status.consecutiveFailures()).isEqualTo(3);
      assertThat(status.lastErrorClass()).contains(ErrorClass.OVERLOADED);

      CallGuard guard = second.guard("github.search_code", BreakerKind.TOOL);
      ScriptedCall call = ScriptedCall.of("result");
      GuardedCallException rejected =
          catchThrowableOfType(GuardedCallException.class, () -> guard.call(call));
      assertThat(rejected.circuitOpen()).isTrue();
      assertThat(rejected.retryAfter()).contains(Duration.ofSeconds(20));
      assertThat(call.invocations()).isZero();

      clock.advance(Duration.ofSeconds(20).plusMillis(1));
      assertThat(guard.call(call)).isEqualTo("result");
      assertThat(guard.status().state()).isEqualTo(BreakerState.HALF_OPEN);
    }
  }

  @Test
  void aBreakerWhoseWaitEndedDuringTheRestartProbesOnTheNextCall() throws Exception {
    try (Database db = open(); ResilienceRegistry first = registry(BreakerStore.sqlite(db))) {
      failTimes(first.guard("openai", BreakerKind.PROVIDER), 3);
    }
    clock.advance(Duration.ofMinutes(5));

    try (Database db = open(); ResilienceRegistry second = registry(BreakerStore.sqlite(db))) {
      CallGuard guard = second.guard("openai", BreakerKind.PROVIDER);
      assertThat(guard.admits()).isTrue();
      assertThat(guard.call(ScriptedCall.of("back"))).isEqualTo("back");
      assertThat(guard.status().state()).isEqualTo(BreakerState.HALF_OPEN);
    }
  }

  @Test
  void stateIsWrittenOnTransitionsOnlyNeverPerCall() throws Exception {
    try (Database db = open()) {
      CountingStore store = new CountingStore(BreakerStore.sqlite(db));
      try (ResilienceRegistry registry = registry(store)) {
        CallGuard guard = registry.guard("openai", BreakerKind.PROVIDER);
        guard.call(ScriptedCall.of("ok"));
        failTimes(guard, 2);
        assertThat(store.writes.get()).isZero();

        failTimes(guard, 1); // opens
        assertThat(store.writes.get()).isEqualTo(1);
        failTimes(guard, 5); // rejected while open
        assertThat(store.writes.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        guard.call(ScriptedCall.of("probe")); // half-open
        guard.call(ScriptedCall.of("probe")); // closed
        assertThat(store.writes.get()).isEqualTo(3);
        guard.call(ScriptedCall.of("ok"));
        assertThat(store.writes.get()).isEqualTo(3);
      }
      PersistedBreaker row = BreakerStore.sqlite(db).loadAll().getFirst();
      assertThat(row.state()).isEqualTo(BreakerState.CLOSED);
      assertThat(row.openUntil()).isEmpty();
      assertThat(row.consecutiveFailures()).isZero();
    }
  }

  @Test
  void theStoredRowHoldsKindStateTimesAndARedactedMessage() {
    Instant openedAt = clock.instant();
    try (Database db = open(); ResilienceRegistry registry = registry(BreakerStore.sqlite(db))) {
      failTimes(registry.guard("github.search_code", BreakerKind.TOOL), 3);

      String row = db.read(c -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM circuit_breakers")) {
          assertThat(rs.next()).isTrue();
          return String.join("|", rs.getString("name"), rs.getString("kind"), rs.getString("state"),
              rs.getString("opened_at"), rs.getString("open_until"),
              rs.getString("consecutive_failures"), rs.getString("last_error_class"),
              rs.getString("last_message"), rs.getString("updated_at"));
        }
      });

      long at = openedAt.toEpochMilli();
      assertThat(row).isEqualTo("github.search_code|tool|open|" + at + "|" + (at + 30_000)
          + "|3|overloaded|529 overloaded, api_key=[REDACTED]|" + at);
    }
  }

  /** Counts writes to the real store. */
  private static final class CountingStore implements BreakerStore {
    private final BreakerStore delegate;
    final AtomicInteger writes = new AtomicInteger();

    CountingStore(BreakerStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<PersistedBreaker> loadAll() {
      return delegate.loadAll();
    }

    @Override
    public void save(PersistedBreaker breaker) {
      writes.incrementAndGet();
      delegate.save(breaker);
    }
  }
}
