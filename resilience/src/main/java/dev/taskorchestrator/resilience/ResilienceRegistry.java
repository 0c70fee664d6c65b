package dev.taskorchestrator.resilience;

import dev.taskorchestrator.resilience.internal.BreakerCell;
import dev.taskorchestrator.resilience.internal.DeadlineWatchdog;
import dev.taskorchestrator.resilience.internal.ResilienceEnvironment;
import dev.taskorchestrator.resilience.internal.ResilienceGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience layer: one {@link CallGuard} (retry, circuit breaker, bulkhead, timeout) per
 * provider and per downstream tool, the router's admission query, the {@code circuit_status}
 * snapshot and the event listeners.
 *
 * <pre>{@code
 * ResilienceRegistry registry = ResilienceRegistry.builder()
 *     .store(BreakerStore.sqlite(db))           // db opened with BreakerStore.schema()
 *     .settingsFor(BreakerKind.TOOL, ResilienceSettings.ofDefaults().withTimeout(Duration.ofSeconds(60)))
 *     .build();
 * registry.onTransition(t -> log.info("{} {} -> {}", t.name(), t.from(), t.to()));
 * String text = registry.guard("github.search_code", BreakerKind.TOOL).call(() -> client.callTool(...));
 * }</pre>
 *
 * <p>Breakers stored by an earlier run are restored when the registry is built: an open one stays
 * open for the rest of its wait.
 */
public final class ResilienceRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResilienceRegistry.class);

  private final ResilienceSettings defaults;
  private final Map<BreakerKind, ResilienceSettings> byKind;
  private final Map<String, ResilienceSettings> byName;
  private final ResilienceEnvironment env;
  private final Map<String, ResilienceGuard> guards = new ConcurrentHashMap<>();
  private final List<Consumer<BreakerTransition>> transitionListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RetryAttempt>> retryListeners = new CopyOnWriteArrayList<>();

  private ResilienceRegistry(Builder b) {
    defaults = b.defaults;
    byKind = Map.copyOf(b.byKind);
    byName = Map.copyOf(b.byName);
    env = new ResilienceEnvironment(b.clock, b.timeScale, b.sleeper, b.jitterRandom, b.store,
        new DeadlineWatchdog(), t -> publish(transitionListeners, t), a -> publish(retryListeners, a),
        b.passThrough);
    for (PersistedBreaker stored : b.store.loadAll()) {
      guardOf(stored.name(), stored.kind()).cell().restore(stored);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A registry with default settings, the system clock and no persistence. */
  public static ResilienceRegistry ofDefaults() {
    return builder().build();
  }

  /**
   * The guard for {@code name} ({@code openai}, {@code github.search_code}), created on first use.
   *
   * @throws IllegalArgumentException if {@code name} is already guarded as the other kind
   */
  public CallGuard guard(String name, BreakerKind kind) {
    return guardOf(name, kind);
  }

  private ResilienceGuard guardOf(String name, BreakerKind kind) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("breaker name is blank");
    }
    ResilienceGuard guard = guards.computeIfAbsent(name, n -> {
      ResilienceSettings s = settingsOf(n, kind);
      return new ResilienceGuard(new BreakerCell(n, kind, s.breaker(), env), s, env);
    });
    if (guard.kind() != kind) {
      throw new IllegalArgumentException(
          name + " is guarded as a " + guard.kind().wireName() + ", not a " + kind.wireName());
    }
    return guard;
  }

  /** The guard of {@code name} if one exists. */
  public Optional<CallGuard> find(String name) {
    return Optional.ofNullable(guards.get(name));
  }

  /** The settings {@code name} gets: its own override, else its kind's, else the defaults. */
  public ResilienceSettings settingsOf(String name, BreakerKind kind) {
    ResilienceSettings own = byName.get(name);
    return own != null ? own : byKind.getOrDefault(kind, defaults);
  }

  /**
   * Which of {@code names} admit a call now, in the order given (a name never called yet admits).
   * When none does, the earliest time one of them admits a probe.
   */
  public BreakerAdmission admitting(Collection<String> names) {
    List<String> admitted = new ArrayList<>();
    Instant earliest = null;
    for (String name : names) {
      ResilienceGuard guard = guards.get(name);
      if (guard == null || guard.admits()) {
        admitted.add(name);
        continue;
      }
      Optional<Instant> next = guard.cell().nextHalfOpen();
      Instant at = next.orElseGet(() -> env.clock().instant()); // half-open, probe busy: any moment
      if (earliest == null || at.isBefore(earliest)) {
        earliest = at;
      }
    }
    return new BreakerAdmission(admitted,
        admitted.isEmpty() ? Optional.ofNullable(earliest) : Optional.empty());
  }

  /** Every breaker, sorted by name. */
  public List<BreakerStatus> snapshot() {
    return snapshot(null);
  }

  /**
   * The breakers matching {@code filter}, sorted by name: all when it is null or blank, else the one
   * named exactly so plus, for a server name, all its tools ({@code github} matches
   * {@code github.search_code}).
   */
  public List<BreakerStatus> snapshot(String filter) {
    boolean all = filter == null || filter.isBlank();
    return guards.values().stream()
        .filter(g -> all || g.name().equals(filter) || g.name().startsWith(filter + "."))
        .map(ResilienceGuard::status)
        .sorted(Comparator.comparing(BreakerStatus::name))
        .toList();
  }

  /** Calls {@code listener} on every breaker state change, on the thread that caused it. */
  public void onTransition(Consumer<BreakerTransition> listener) {
    transitionListeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  /** Calls {@code listener} before every retry wait, on the calling thread. */
  public void onRetry(Consumer<RetryAttempt> listener) {
    retryListeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  /** The clock every breaker and deadline uses. */
  public Clock clock() {
    return env.clock();
  }

  /** Stops the deadline watchdog thread. */
  @Override
  public void close() {
    env.watchdog().close();
  }

  private static <E> void publish(List<Consumer<E>> listeners, E event) {
    for (Consumer<E> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        // a faulty listener must not break the call that produced the event
        LOG.warn("resilience listener failed on {}: {}", event, e.toString());
      }
    }
  }

  /** Settings and environment; every setter documents its default. */
  public static final class Builder {
    private ResilienceSettings defaults = ResilienceSettings.ofDefaults();
    private final Map<BreakerKind, ResilienceSettings> byKind = new EnumMap<>(BreakerKind.class);
    private final Map<String, ResilienceSettings> byName = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private double timeScale = 1.0;
    private RetrySleeper sleeper = RetrySleeper.threadSleep();
    private DoubleSupplier jitterRandom = () -> ThreadLocalRandom.current().nextDouble();
    private BreakerStore store = BreakerStore.none();
    private Predicate<Throwable> passThrough = t -> false;

    private Builder() {}

    /** Settings for every name without its own; default {@link ResilienceSettings#ofDefaults()}. */
    public Builder settings(ResilienceSettings settings) {
      this.defaults = Objects.requireNonNull(settings, "settings is null");
      return this;
    }

    /** Settings for every name of one kind without its own. */
    public Builder settingsFor(BreakerKind kind, ResilienceSettings settings) {
      byKind.put(Objects.requireNonNull(kind, "kind is null"), Objects.requireNonNull(settings, "settings is null"));
      return this;
    }

    /** Settings for one name (a provider, or {@code server.tool}). */
    public Builder settingsFor(String name, ResilienceSettings settings) {
      byName.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(settings, "settings is null"));
      return this;
    }

    /** The clock of open intervals, deadlines and events; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is null");
      return this;
    }

    /**
     * Multiplies the waits of the schedule: retry waits (Retry-After included) and the open
     * interval. Default 1; tests use e.g. 0.001 so that 2 s becomes 2 ms. Attempt timeouts are not
     * scaled: they guard against hangs in real time, and a scaled one would fire on a slow CI run.
     */
    public Builder timeScale(double timeScale) {
      this.timeScale = timeScale;
      return this;
    }

    /** How retry waits are slept; default {@link RetrySleeper#threadSleep()}. */
    public Builder sleeper(RetrySleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
      return this;
    }

    /** Uniform values in [0, 1) for the jitter; default {@link ThreadLocalRandom}. */
    public Builder jitterRandom(DoubleSupplier jitterRandom) {
      this.jitterRandom = Objects.requireNonNull(jitterRandom, "jitterRandom is null");
      return this;
    }

    /** Where breaker states persist; default {@link BreakerStore#none()}. */
    public Builder store(BreakerStore store) {
      this.store = Objects.requireNonNull(store, "store is null");
      return this;
    }

    /**
     * Unchecked exceptions that propagate from {@link CallGuard#call} unchanged, never retried nor
     * counted by a breaker (e.g. a budget refusal raised inside a call). Default none.
     */
    public Builder passThrough(Predicate<Throwable> passThrough) {
      this.passThrough = Objects.requireNonNull(passThrough, "passThrough is null");
      return this;
    }

    /** Builds the registry and restores stored breakers. */
    public ResilienceRegistry build() {
      if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
        throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
      }
      return new ResilienceRegistry(this);
    }
  }
}
