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

  /** One line of the report: all well, worth knowing, or a problem to fix. */
  record Finding(Mark mark, String subject, String detail) {
    enum Mark { OK, NOTE, FAIL }

    static Finding of(boolean ok, String subject, String detail) {
      return new Finding(ok ? Mark.OK : Mark.FAIL, subject, detail);
    }

    static Finding note(String subject, String detail) {
      return new Finding(Mark.NOTE, subject, detail);
    }

    boolean ok() {
      return mark != Mark.FAIL;
    }
  }

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
      out.printf("  %-4s  %s: %s%n", switch (f.mark()) {
        case OK -> "ok";
        case NOTE -> "note";
        case FAIL -> "FAIL";
      }, f.subject(), f.detail());
    }
    long problems = findings.stream().filter(f -> !f.ok()).count();
    out.println(problems == 0 ? "All checks passed." : problems + " problem(s) found; fix the FAIL lines above.");
    return problems == 0 ? 0 : 1;
  }

  List<Finding> check() {
    List<Finding> out = new ArrayList<>();
    out.add(Finding.of(true, "configuration", loaded.file().map(f -> "valid, from " + f)
        .orElse("defaults (no configuration file; create one at "
            + dev.taskorchestrator.server.config.XdgPaths.configFile(env) + " to change them)")));
    out.add(checkDataDir(loaded.dataDir()));
    List<Finding> breakers = new ArrayList<>();
    if (out.get(out.size() - 1).ok()) {
      out.add(checkDatabase(loaded.dataDir(), breakers));
    }
    out.addAll(breakers);
    out.addAll(checkProviders());
    out.addAll(DoctorChecks.unusedKeys(loaded.config(), env));
    out.addAll(checkToolServers());
    out.addAll(checkTelemetry());
    if (loaded.config().server().http()) {
      out.add(DoctorChecks.port(loaded.config().server()));
    }
    String tokenEnv = loaded.config().server().tokenEnv();
    if (tokenEnv != null) {
      String token = env.apply(tokenEnv);
      out.add(token != null && !token.isBlank()
          ? Finding.of(true, "server.token-env", tokenEnv + " is set (value not shown)")
          : Finding.of(false, "server.token-env", tokenEnv + " is not set; export " + tokenEnv
              + "=<a long random token> before 'serve --transport http'"));
    }
    return out;
  }

  private List<Finding> checkProviders() {
    List<Finding> out = new ArrayList<>();
    ProviderCheck probe = new ProviderCheck(env);
    if (loaded.config().providers().isEmpty()) {
      out.add(Finding.of(true, "providers", "none configured: agents run on MCP sampling, through the calling "
          + "assistant's model, if the client supports it (VS Code does; Claude Desktop, Claude Code and Cursor do "
          + "not: configure a provider for them)"));
    }
    for (var p : loaded.config().providers()) {
      if (p.type() == dev.taskorchestrator.agents.ProviderType.SAMPLING) {
        out.add(Finding.of(true, "provider " + p.name(), "MCP sampling through the calling client"));
        continue;
      }
      ProviderCheck.Result r = probe.check(p);
      out.add(Finding.of(r.ok(), "provider " + p.name(), p.type().wireName() + " at " + p.resolvedBaseUrl(env) + ": "
          + r.detail()));
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
      servers.check().forEach((name, result) -> out.add(Finding.of(result.startsWith("ok"), "tool server " + name,
          result.startsWith("ok") ? result.substring(4) : result.substring(6)
              + (result.contains("tool-servers.") ? "" : " — check its command/url in tool-servers." + name))));
    }
    return out;
  }

  private List<Finding> checkTelemetry() {
    List<Finding> out = new ArrayList<>();
    // Metrics are not exported: an unreachable endpoint is this check's finding, not a log line on close.
    try (var telemetry = dev.taskorchestrator.telemetry.Telemetry.create(
        Wiring.telemetrySettings(loaded.config(), env).withoutMetricsExport())) {
      for (var c : telemetry.doctor().run()) {
        boolean ok = c.status() != dev.taskorchestrator.telemetry.DoctorCheck.Status.FAIL;
        out.add(Finding.of(ok, c.name(), c.message()));
      }
    }
    return out;
  }

  private static Finding checkDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
      Files.delete(probe);
      return Finding.of(true, "data directory", dir + " (writable)");
    } catch (java.io.IOException | SecurityException e) {
      return Finding.of(false, "data directory", dir + " is not writable (" + e.getMessage()
          + "); choose another with --data-dir or TASK_ORCHESTRATOR_DATA_DIR, or fix its permissions");
    }
  }

  private Finding checkDatabase(Path dir, List<Finding> more) {
    try (Database db = Storage.open(dir)) {
      try (var budget = Budgets.guard(loaded.config().budget(), db, java.time.Clock.systemUTC())) {
        for (var s : budget.states(null, null)) {
          more.add(Finding.of(s.status() != dev.taskorchestrator.budget.BudgetStatus.EXHAUSTED,
              "budget " + s.scope().wireName() + (s.id().isEmpty() ? "" : " " + s.id()),
              s.isLimited() ? dev.taskorchestrator.orchestrator.BudgetViews.describe(s) + "; " + s.spent() + " spent"
                  : s.spent() + " spent, no limit (set one with budget." + (s.scope().wireName().equals("day")
                      ? "daily-limit-usd" : s.scope().wireName().equals("month") ? "monthly-limit-usd"
                      : "provider-daily-limits-usd") + " or set_budget)"));
        }
      }
      for (var b : dev.taskorchestrator.resilience.BreakerStore.sqlite(db).loadAll()) {
        if (b.state() != dev.taskorchestrator.resilience.BreakerState.CLOSED) {
          more.add(Finding.of(false, "circuit " + b.name(), b.kind().wireName() + " breaker is "
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
        return Finding.of(false, "database", db.file() + " failed its integrity check (" + integrity
            + "); restore it from a backup or move it aside to start afresh");
      }
      return Finding.of(true, "database", db.file() + " (opens, schema current, integrity ok)");
    } catch (StorageException e) {
      return Finding.of(false, "database", e.getMessage());
    }
  }
}
