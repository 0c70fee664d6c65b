package dev.taskorchestrator.server;

import dev.taskorchestrator.server.config.ConfigLoader;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.StorageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@code doctor} command: each check says what it found and, when something is wrong, what to do. */
final class Doctor {

  /** One line of the report. */
  record Finding(boolean ok, String subject, String detail) {}

  private final ConfigLoader.Loaded loaded;
  private final Function<String, String> env;

  Doctor(ConfigLoader.Loaded loaded, Function<String, String> env) {
    this.loaded = loaded;
    this.env = env;
  }

  /** Prints the report to {@code out}; returns the exit status (0 all ok, 1 problems found). */
  int run(PrintStream out) {
    List<Finding> findings = check();
    out.println("Task Orchestrator " + Version.current() + " — doctor");
    for (Finding f : findings) {
      out.printf("  %-4s  %s: %s%n", f.ok() ? "ok" : "FAIL", f.subject(), f.detail());
    }
    long problems = findings.stream().filter(f -> !f.ok()).count();
    out.println(problems == 0 ? "All checks passed." : problems + " problem(s) found; fix the FAIL lines above.");
    return problems == 0 ? 0 : 1;
  }

  List<Finding> check() {
    List<Finding> out = new ArrayList<>();
    out.add(new Finding(true, "configuration", loaded.file().map(f -> "valid, from " + f)
        .orElse("defaults (no configuration file; create one at "
            + dev.taskorchestrator.server.config.XdgPaths.configFile(env) + " to change them)")));
    out.add(checkDataDir(loaded.dataDir()));
    List<Finding> breakers = new ArrayList<>();
    if (out.get(out.size() - 1).ok()) {
      out.add(checkDatabase(loaded.dataDir(), breakers));
    }
    out.addAll(breakers);
    out.addAll(checkProviders());
    out.addAll(checkToolServers());
    out.addAll(checkTelemetry());
    String tokenEnv = loaded.config().server().tokenEnv();
    if (tokenEnv != null) {
      String token = env.apply(tokenEnv);
      out.add(token != null && !token.isBlank()
          ? new Finding(true, "server.token-env", tokenEnv + " is set (value not shown)")
          : new Finding(false, "server.token-env", tokenEnv + " is not set; export " + tokenEnv
              + "=<a long random token> before 'serve --transport http'"));
    }
    return out;
  }

  private List<Finding> checkProviders() {
    List<Finding> out = new ArrayList<>();
    ProviderCheck probe = new ProviderCheck(env);
    if (loaded.config().providers().isEmpty()) {
      out.add(new Finding(true, "providers", "none configured: agents run on MCP sampling, through the calling "
          + "assistant's model (the client must support sampling)"));
    }
    for (var p : loaded.config().providers()) {
      if (p.type() == dev.taskorchestrator.agents.ProviderType.SAMPLING) {
        out.add(new Finding(true, "provider " + p.name(), "MCP sampling through the calling client"));
        continue;
      }
      ProviderCheck.Result r = probe.check(p);
      out.add(new Finding(r.ok(), "provider " + p.name(), p.type().name().toLowerCase(java.util.Locale.ROOT)
          + " at " + p.resolvedBaseUrl(env) + ": " + r.detail()));
    }
    return out;
  }

  private List<Finding> checkToolServers() {
    List<Finding> out = new ArrayList<>();
    if (loaded.config().toolServers().isEmpty()) {
      return out;
    }
    try (var servers = new dev.taskorchestrator.agents.McpToolServers(loaded.config().toolServers(),
        io.modelcontextprotocol.json.McpJsonDefaults.getMapper())) {
      servers.check().forEach((name, result) -> out.add(new Finding(result.startsWith("ok"), "tool server " + name,
          result.startsWith("ok") ? result.substring(4) : result.substring(6)
              + " — check its command/url in tool-servers." + name)));
    }
    return out;
  }

  private List<Finding> checkTelemetry() {
    List<Finding> out = new ArrayList<>();
    try (var telemetry = dev.taskorchestrator.telemetry.Telemetry.create(Wiring.telemetrySettings(loaded.config(), env))) {
      for (var c : telemetry.doctor().run()) {
        boolean ok = c.status() != dev.taskorchestrator.telemetry.DoctorCheck.Status.FAIL;
        out.add(new Finding(ok, c.name(), c.message()));
      }
    }
    return out;
  }

  private static Finding checkDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
      Files.delete(probe);
      return new Finding(true, "data directory", dir + " (writable)");
    } catch (java.io.IOException | SecurityException e) {
      return new Finding(false, "data directory", dir + " is not writable (" + e.getMessage()
          + "); choose another with --data-dir or TASK_ORCHESTRATOR_DATA_DIR, or fix its permissions");
    }
  }

  private Finding checkDatabase(Path dir, List<Finding> more) {
    try (Database db = Storage.open(dir)) {
      try (var budget = Budgets.guard(loaded.config().budget(), db, java.time.Clock.systemUTC())) {
        for (var s : budget.states(null, null)) {
          more.add(new Finding(s.status() != dev.taskorchestrator.budget.BudgetStatus.EXHAUSTED,
              "budget " + s.scope().wireName() + (s.id().isEmpty() ? "" : " " + s.id()),
              s.isLimited() ? dev.taskorchestrator.orchestrator.BudgetViews.describe(s) + "; " + s.spent() + " spent"
                  : s.spent() + " spent, no limit (set one with budget." + (s.scope().wireName().equals("day")
                      ? "daily-limit-usd" : s.scope().wireName().equals("month") ? "monthly-limit-usd"
                      : "provider-daily-limits-usd") + " or set_budget)"));
        }
      }
      for (var b : dev.taskorchestrator.resilience.BreakerStore.sqlite(db).loadAll()) {
        if (b.state() != dev.taskorchestrator.resilience.BreakerState.CLOSED) {
          more.add(new Finding(false, "circuit " + b.name(), b.kind().wireName() + " breaker is "
              + b.state().wireName() + b.lastErrorClass().map(c -> " after " + c.wireName()).orElse("")
              + b.lastMessage().map(m -> " (" + m + ")").orElse("")
              + b.openUntil().map(t -> "; it lets a probe through after " + t).orElse("")
              + " — calls to it are refused until then; check the service"));
        }
      }
      String integrity = db.read(c -> {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA quick_check")) {
          return rs.next() ? rs.getString(1) : "no answer";
        }
      });
      if (!"ok".equals(integrity)) {
        return new Finding(false, "database", db.file() + " failed its integrity check (" + integrity
            + "); restore it from a backup or move it aside to start afresh");
      }
      return new Finding(true, "database", db.file() + " (opens, schema current, integrity ok)");
    } catch (StorageException e) {
      return new Finding(false, "database", e.getMessage());
    }
  }
}
