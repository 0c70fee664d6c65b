package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.storage.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many calls at once never overspend a scope, and every call is accounted for. */
class ConcurrencyTest {

  private static final int CALLS = 1_000;
  private static final Money FIVE = Money.usd("5.00");

  @TempDir Path tmp;

  @Test
  void thousandConcurrentCallsNeverOverspendATaskBudget() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      f.guard.openTask("t", null, FIVE);
      Outcome o = run(f.guard, i -> request("t", "s" + (i % 7), "openai"));
      o.assertAccountedFor(f);
      assertThat(f.guard.state(Scope.TASK, "t").spent()).isEqualTo(Money.ofNanos(o.settledNanos.get()));
    }
  }

  @Test
  void thousandConcurrentCallsNeverOverspendADailyLimit() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      f.guard.setLimit(Scope.DAY, null, FIVE, 20);
      Outcome o = run(f.guard, i -> request("task-" + (i % 50), null, i % 2 == 0 ? "openai" : "anthropic"));
      o.assertAccountedFor(f);
      assertThat(f.guard.state(Scope.DAY, null).spent()).isEqualTo(Money.ofNanos(o.settledNanos.get()));
      assertThat(o.refusals).allSatisfy(r -> assertThat(r.scope()).isEqualTo(Scope.DAY));
    }
  }

  @Test
  void twoDatabaseOpensOfOneFileShareOneBudget() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp);
        Database second = GuardFixture.openDb(f.file);
        SqliteBudgetGuard other = SqliteBudgetGuard.open(second, f.options())) {
      f.guard.openTask("t", null, FIVE);
      Outcome o = run(null, i -> request("t", null, "openai"), f.guard, other);
      o.assertAccountedFor(f);
    }
  }

  @Test
  void childrenCannotExceedTheirParentsRemainingBudgetConcurrently() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      f.guard.openTask("parent", null, Money.usd("2.00"));
      for (int c = 0; c < 8; c++) {
        f.guard.openTask("child-" + c, "parent", c % 2 == 0 ? null : Money.usd("0.40"));
      }
      Outcome o = run(f.guard, i -> request("child-" + (i % 8), null, "openai"));
      assertThat(o.settledNanos.get()).isLessThanOrEqualTo(Money.usd("2.00").nanos());
      assertThat(f.guard.state(Scope.TASK, "parent").spent()).isEqualTo(Money.ofNanos(o.settledNanos.get()));
      for (int c = 1; c < 8; c += 2) {
        assertThat(f.guard.state(Scope.TASK, "child-" + c).spent()).isLessThanOrEqualTo(Money.usd("0.40"));
      }
      assertThat(o.refusals).isNotEmpty();
      assertThat(f.reservedNanos()).isZero();
    }
  }

  @Test
  void aFailingWriteInASharedTransactionFailsOnlyItsOwnCaller() throws Exception {
    try (GuardFixture f = new GuardFixture(tmp)) {
      f.guard.openTask("t", null, FIVE);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      AtomicInteger failures = new AtomicInteger();
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          int n = i;
          futures.add(pool.submit(() -> {
            if (n % 2 == 0) {
              try {
                f.guard.settle(Long.toString(1_000_000_000L + n), TokenUsage.NONE, Money.ZERO);
              } catch (BudgetException expected) {
                failures.incrementAndGet();
              }
            } else {
              String id = GuardFixture.reserved(f.guard.reserve(GuardFixture.call("t", null, "openai", "0.01")));
              f.guard.settle(id, TokenUsage.NONE, Money.usd("0.01"));
            }
            return null;
          }));
        }
        for (Future<?> fu : futures) {
          fu.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(failures.get()).isEqualTo(200);
      assertThat(f.guard.state(Scope.TASK, "t").spent()).isEqualTo(Money.usd("2.00"));
      assertThat(f.count("budget_ledger")).isEqualTo(200);
      assertThat(f.reservedNanos()).isZero();
    }
  }

  private static ReservationRequest request(String task, String session, String provider) {
    // 1 to 5 cents worst case: 1,000 calls ask for about $30 against $5
    long estimate = ThreadLocalRandom.current().nextLong(10_000_000L, 50_000_001L);
    return new ReservationRequest(task, session, "builder", provider, "gpt-4o", Money.ofNanos(estimate));
  }

  private static Outcome run(SqliteBudgetGuard guard, IntFunction<ReservationRequest> requests) throws Exception {
    return run(guard, requests, new SqliteBudgetGuard[0]);
  }

  private static Outcome run(SqliteBudgetGuard guard, IntFunction<ReservationRequest> requests,
      SqliteBudgetGuard... guards) throws Exception {
    Outcome o = new Outcome();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        int n = i;
        BudgetGuard g = guard != null ? guard : guards[n % guards.length];
        futures.add(pool.submit(() -> o.call(g, requests.apply(n))));
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
    } finally {
      pool.shutdown();
    }
    return o;
  }

  /** What happened to each call. */
  private static final class Outcome {
    final AtomicInteger settled = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    final AtomicLong settledNanos = new AtomicLong();
    final ConcurrentLinkedQueue<ReserveResult.Refused> refusals = new ConcurrentLinkedQueue<>();

    void call(BudgetGuard g, ReservationRequest req) {
      switch (g.reserve(req)) {
        case ReserveResult.Refused no -> refusals.add(no);
        case ReserveResult.Reserved ok -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          if (rnd.nextInt(10) == 0) {
            g.release(ok.reservationId());
            released.incrementAndGet();
            return;
          }
          long actual = rnd.nextLong(0, req.estimate().nanos() + 1);
          SettleResult s = g.settle(ok.reservationId(), TokenUsage.of(100, 100), Money.ofNanos(actual));
          if (rnd.nextInt(20) == 0) {
            assertThat(g.settle(ok.reservationId(), TokenUsage.of(100, 100), Money.ofNanos(actual)).duplicate()).isTrue();
          }
          assertThat(s.duplicate()).isFalse();
          settledNanos.addAndGet(actual);
          settled.incrementAndGet();
        }
      }
    }

    void assertAccountedFor(GuardFixture f) {
      assertThat(settled.get() + released.get() + refusals.size()).isEqualTo(CALLS);
      assertThat(refusals).isNotEmpty().allSatisfy(r -> {
        assertThat(r.estimate().isGreaterThan(r.remaining())).isTrue();
        assertThat(r.message()).contains(r.estimate().toString());
      });
      assertThat(settledNanos.get()).isLessThanOrEqualTo(FIVE.nanos());
      assertThat(f.ledgerNanos()).isEqualTo(settledNanos.get());
      assertThat(f.count("budget_ledger")).isEqualTo(settled.get());
      assertThat(f.count("budget_reservations")).isZero();
      assertThat(f.reservedNanos()).isZero();
    }
  }
}
