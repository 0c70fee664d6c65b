package dev.taskorchestrator.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of a budget guard.
 *
 * @param clock the time source (inject a fixed or test clock in tests)
 * @param zone the time zone of calendar days and months
 * @param defaultWarnBelowPercent warning threshold of scopes without their own; default 20
 * @param ownerLease a process whose heartbeat is older than this is considered dead and its
 *     reservations are released; default 2 minutes (call {@link BudgetGuard#heartbeat()} well
 *     within it, e.g. every 20 s)
 * @param process the identity of this process (host, pid, start time), used to tell at once that a
 *     previous owner on this host has died
 */
public record BudgetOptions(
    Clock clock, ZoneId zone, int defaultWarnBelowPercent, Duration ownerLease, ProcessIdentity process) {

  public static final int DEFAULT_WARN_BELOW_PERCENT = 20;
  public static final Duration DEFAULT_OWNER_LEASE = Duration.ofMinutes(2);

  public BudgetOptions {
    Objects.requireNonNull(clock, "clock is null");
    Objects.requireNonNull(zone, "zone is null");
    Objects.requireNonNull(ownerLease, "ownerLease is null");
    Objects.requireNonNull(process, "process is null");
    if (defaultWarnBelowPercent < 0 || defaultWarnBelowPercent > 100) {
      throw new IllegalArgumentException("defaultWarnBelowPercent must be 0..100: " + defaultWarnBelowPercent);
    }
    if (ownerLease.isNegative() || ownerLease.isZero()) {
      throw new IllegalArgumentException("ownerLease must be positive: " + ownerLease);
    }
  }

  /** System clock, system time zone, warn under 20 %, 2-minute lease, this process. */
  public static BudgetOptions ofDefaults() {
    return new BudgetOptions(Clock.systemUTC(), ZoneId.systemDefault(), DEFAULT_WARN_BELOW_PERCENT,
        DEFAULT_OWNER_LEASE, ProcessIdentity.current());
  }

  public BudgetOptions withClock(Clock c) {
    return new BudgetOptions(c, zone, defaultWarnBelowPercent, ownerLease, process);
  }

  public BudgetOptions withZone(ZoneId z) {
    return new BudgetOptions(clock, z, defaultWarnBelowPercent, ownerLease, process);
  }

  public BudgetOptions withDefaultWarnBelowPercent(int p) {
    return new BudgetOptions(clock, zone, p, ownerLease, process);
  }

  public BudgetOptions withOwnerLease(Duration d) {
    return new BudgetOptions(clock, zone, defaultWarnBelowPercent, d, process);
  }

  public BudgetOptions withProcess(ProcessIdentity p) {
    return new BudgetOptions(clock, zone, defaultWarnBelowPercent, ownerLease, p);
  }
}
