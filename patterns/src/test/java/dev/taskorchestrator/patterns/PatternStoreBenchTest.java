package dev.taskorchestrator.patterns;

import dev.taskorchestrator.storage.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query and pre-spawn check latency with 100,000 and 1,000,000 stored patterns. Run with
 * {@code bin/with-jdk mvn -B -pl patterns test -Dgroups=bench -Dsurefire.excludedGroups= -Dsurefire.redirect=false}.
 */
@Tag("bench")
class PatternStoreBenchTest {

  private static final int SERVERS = 20;
  private static final int TOOLS_PER_SERVER = 10;
  private static final int PROVIDERS = 30;
  private static final int ARCHETYPES = 20;
  private static final int VOCABULARY = 3_000;
  private static final String[] CLASSES = {"network", "timeout", "rate_limit", "overloaded", "server",
      "auth", "invalid_request", "content", "quality"};
  private static final String[] TEMPLATES = {"request to %s failed while %s the %s %s",
      "output for %s did not match the %s schema near %s and %s", "upstream %s refused %s because %s was %s",
      "%s timed out waiting for %s after %s %s", "could not parse %s in the %s response from %s %s"};

  @TempDir Path dir;
  private final Random random = new Random(42);
  private final String[] words = vocabulary();

  @Test
  void queryAndPreSpawnCheckLatency() {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(dir.resolve("bench.db"), List.of(SqlitePatternStore.schema()))) {
      SqlitePatternStore store = new SqlitePatternStore(db, clock, PatternSettings.ofDefaults());
      int loaded = 0;
      // -Dpatterns.bench.sizes=100000 for a quick run
      for (String sizeText : System.getProperty("patterns.bench.sizes", "100000,1000000").split(",")) {
        int size = Integer.parseInt(sizeText.strip());
        long t0 = System.nanoTime();
        load(db, loaded, size - loaded, clock.millis());
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "BENCH build: %,d patterns inserted in %,d ms (%,.0f rows/s), store now %,d%n",
            size - loaded, buildMs, (size - loaded) * 1000.0 / Math.max(1, buildMs), store.count());
        loaded = size;
        long t1 = System.nanoTime();
        store.optimize();
        System.out.printf(Locale.ROOT, "BENCH optimize (FTS merge + PRAGMA optimize): %,d ms%n",
            (System.nanoTime() - t1) / 1_000_000);
        measure(store, size);
      }
    }
  }

  private void measure(SqlitePatternStore store, int size) {
    report("query (text, 2 words, limit 20)", size, time(() ->
        store.query(PatternQuery.text(word() + " " + word()))));
    report("query (target + min confidence 0.2)", size, time(() ->
        store.query(PatternQuery.all().withTarget(toolTarget()).withMinConfidence(0.2))));
    report("query (error class, no text)", size, time(() ->
        store.query(PatternQuery.all().withErrorClass(CLASSES[random.nextInt(CLASSES.length)]))));
    report("pre-spawn check (10 tools, 2 providers, task text)", size, time(() -> store.check(spawn())));
    report("  of which tools and providers only", size, time(() -> store.check(withoutText(spawn()))));
    report("  of which task text only", size, time(() -> store.check(textOnly(spawn()))));
  }

  private SpawnProfile spawn() {
    List<String> tools = new ArrayList<>();
    int server = random.nextInt(SERVERS);
    for (int t = 0; t < 10; t++) {
      tools.add("srv" + server + ".tool" + t);
    }
    List<String> providers = List.of(providerTarget(), providerTarget());
    StringBuilder task = new StringBuilder("please write a report about");
    for (int i = 0; i < 12; i++) {
      task.append(' ').append(word());
    }
    return new SpawnProfile("arch" + random.nextInt(ARCHETYPES), providers, tools, Set.of(tools.get(0)),
        task.toString());
  }

  private static SpawnProfile withoutText(SpawnProfile c) {
    return new SpawnProfile(c.archetype(), c.providerTargets(), c.permittedTools(), c.openCircuitTools(), "");
  }

  private static SpawnProfile textOnly(SpawnProfile c) {
    return new SpawnProfile(c.archetype(), List.of(), List.of(), Set.of(), c.taskText());
  }

  /** Wall-clock and this thread's CPU time (SQLite runs on the calling thread) per call. */
  private record Timings(long[] wall, long[] cpu) {}

  private static void report(String what, int size, Timings t) {
    Arrays.sort(t.wall());
    Arrays.sort(t.cpu());
    int n = t.wall().length;
    System.out.printf(Locale.ROOT, "BENCH %s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms; CPU p50 %.3f ms "
            + "(%,d patterns, %,d runs)%n", what, t.wall()[n / 2] / 1e6, t.wall()[n * 9 / 10] / 1e6,
        t.wall()[n * 99 / 100] / 1e6, t.cpu()[n / 2] / 1e6, size, n);
  }

  private static Timings time(Supplier<?> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 200; i++) {
      work.get();
    }
    long[] wall = new long[1_000];
    long[] cpu = new long[wall.length];
    for (int i = 0; i < wall.length; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      work.get();
      wall[i] = System.nanoTime() - t;
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
    }
    return new Timings(wall, cpu);
  }

  /** One transaction, one prepared statement, executeBatch every 10,000 rows. */
  private void load(Database db, int offset, int count, long now) {
    Duration halfLife = PatternSettings.ofDefaults().halfLife();
    db.write(c -> {
      // A bigger page cache for the bulk load only: the unique fingerprint and id indexes take random inserts.
      try (var s = c.createStatement()) {
        s.execute("PRAGMA cache_size = -262144");
      }
      try (PreparedStatement ps = c.prepareStatement(PatternRows.INSERT)) {
        for (int i = 0; i < count; i++) {
          String target = randomTarget();
          String cls = CLASSES[random.nextInt(CLASSES.length)];
          String message = String.format(Locale.ROOT, TEMPLATES[random.nextInt(TEMPLATES.length)], word(), word(),
              word(), word()) + " #" + (offset + i);
          var sig = new FailureSignature(target, cls, message, FailureSignature.fingerprint(target, cls, message));
          CorrectiveAction action = random.nextInt(10) == 0 && target.startsWith("tool:")
              ? new CorrectiveAction.SubstituteTool(Target.nameOf(target), "srv" + random.nextInt(SERVERS) + ".cached")
              : new CorrectiveAction.Instruction(DefaultAdvice.of(target, cls) + " " + word());
          long lastSeen = now - (long) (random.nextDouble() * Duration.ofDays(30).toMillis());
          PatternRows.bindInsert(ps, sig, message, 1 + random.nextInt(5), lastSeen, lastSeen, action,
              0.1 + 0.9 * random.nextDouble(), halfLife, Provenance.LOCAL, Visibility.PRIVATE);
          ps.addBatch();
          if (i % 10_000 == 9_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private String randomTarget() {
    int kind = random.nextInt(10);
    return kind < 5 ? toolTarget() : kind < 7 ? providerTarget() : "archetype:arch" + random.nextInt(ARCHETYPES);
  }

  private String toolTarget() {
    return "tool:srv" + random.nextInt(SERVERS) + ".tool" + random.nextInt(TOOLS_PER_SERVER);
  }

  private String providerTarget() {
    return "provider:prov" + random.nextInt(PROVIDERS / 3) + "/model-" + random.nextInt(3);
  }

  private String word() {
    return words[random.nextInt(words.length)];
  }

  private static String[] vocabulary() {
    String consonants = "bcdfghklmnprstvz";
    String vowels = "aeiou";
    Random r = new Random(7);
    Set<String> out = new java.util.LinkedHashSet<>();
    while (out.size() < VOCABULARY) {
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < 2 + r.nextInt(2); s++) {
        w.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
      }
      out.add(w.toString());
    }
    return out.toArray(String[]::new);
  }
}
