package dev.taskorchestrator.server;

import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.server.config.ConfigException;
import dev.taskorchestrator.server.config.ConfigLoader;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.server.config.ServerSettings;
import dev.taskorchestrator.storage.StorageException;
import java.io.InputStream;
import java.io.PrintStream;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@code task-orchestrator <command>}: the entry point. Exit status 0 ok, 1 failure, 2 bad command line
 * or configuration. In {@code serve} mode stdout carries only the MCP protocol; everything else goes to
 * stderr.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintStream protocolOut = System.out;
    // stderr is redacted before anything logs: secret-named variables at once, every configured secret once
    // the configuration is read (run).
    Logging.redactWith(ConfiguredSecrets.ofEnvironment(System.getenv()));
    System.setErr(Logging.redacting(System.err));
    // Nothing but the protocol may reach stdout: a stray print from any library goes to stderr instead.
    System.setOut(System.err);
    Serve[] serving = new Serve[1];
    Signals.onStop(() -> {
      if (serving[0] != null) {
        serving[0].requestStop();
      } else {
        System.exit(0);
      }
    });
    int status = run(args, System.getenv(), System.in, protocolOut, System.err, serve -> serving[0] = serve);
    System.exit(status);
  }

  /**
   * Over stdio, answers {@code initialize} before the configuration is bound (binding it costs about a
   * third of the time to that answer); only when the transport is surely stdio without binding it.
   */
  private static StdioSide openStdioEarly(CommandLine cli, ConfigLoader peek, InputStream in, PrintStream out,
      Runnable onEof) throws InterruptedException {
    if (!cli.command().equals("serve") || !peek.peek("server.transport", ServerSettings.defaults().transport(),
        cli.configFile(), cli.overrides()).orElse("").equals("stdio")) {
      return null;
    }
    // The stdio side logs from now on: at the level the configuration will say, if it can be told yet.
    Optional<String> level = peek.peek("logging.level", OrchestratorConfig.LoggingSettings.defaults().level(),
        cli.configFile(), cli.overrides());
    if (level.isEmpty()) {
      return null;
    }
    Logging.configure(level.get());
    return StdioSide.open(McpJsonDefaults.getMapper(), in, out, onEof).awaitFirstMessage();
  }

  /**
   * Runs one command; {@code out} is the command's output (the protocol stream for stdio serve). {@code env}
   * is the whole environment, so that a {@code TASK_ORCHESTRATOR_*} variable that names no setting is reported.
   */
  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
      java.util.function.Consumer<Serve> started) {
    return run(args, env::get, env.keySet(), in, out, err, started);
  }

  /** Like {@link #run(String[], Map, InputStream, PrintStream, PrintStream, java.util.function.Consumer)},
   * with an environment that cannot be listed (unknown variables are not reported). */
  static int run(String[] args, Function<String, String> env, InputStream in, PrintStream out, PrintStream err,
      java.util.function.Consumer<Serve> started) {
    return run(args, env, Set.of(), in, out, err, started);
  }

  private static int run(String[] args, Function<String, String> env, Set<String> variables, InputStream in,
      PrintStream out, PrintStream err, java.util.function.Consumer<Serve> started) {
    CommandLine cli;
    try {
      cli = CommandLine.parse(Arrays.asList(args));
    } catch (CommandLine.UsageException e) {
      err.println("task-orchestrator: " + e.getMessage());
      return 2;
    }
    if (cli.help() || cli.command().equals("help")) {
      out.print(CommandLine.usage(cli.command()));
      return 0;
    }
    if (cli.command().equals("version")) {
      out.println("task-orchestrator " + Version.current());
      return 0;
    }
    if (cli.command().equals("demo")) {
      return demo(cli, out, err);
    }
    StopRequest stop = new StopRequest();
    AtomicBoolean notStarting = new AtomicBoolean();
    StdioSide early = null;
    ConfigLoader.Loaded loaded;
    try {
      ConfigLoader loader = new ConfigLoader(env, variables);
      early = openStdioEarly(cli, loader, in, out, () -> {
        if (!notStarting.get()) {
          Serve.stopOnEof(stop).run();
        }
      });
      loaded = loader.load(cli.configFile(), cli.overrides());
    } catch (ConfigException e) {
      err.println("task-orchestrator: " + e.getMessage());
      notStarting.set(true);
      refuseAll(early, e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    String level = loaded.config().logging().level();
    // The doctor's report is its output; what it logs on the way (a fresh database's migrations) is not news.
    Logging.configure(cli.command().equals("doctor") && level.equals("info") ? "warn" : level);
    try {
      Redactor redactor = ConfiguredSecrets.redactor(loaded.config(), env, System.getenv());
      Logging.redactWith(redactor);
      if (cli.command().equals("doctor")) {
        return new Doctor(loaded, env).run(Logging.redacting(out)); // its report quotes what services answered
      }
      Serve serve = new Serve(loaded, env, early, stop, redactor);
      started.accept(serve);
      return serve.run(in, out);
    } catch (ConfigException e) {
      err.println("task-orchestrator: " + e.getMessage());
      return 2;
    } catch (StorageException | Serve.StartupException e) {
      err.println("task-orchestrator: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("task-orchestrator: " + cli.command() + " failed: " + StartupFailures.describe(e, loaded.config()));
      if (loaded.config().logging().level().matches("debug|trace")) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  private static int demo(CommandLine cli, PrintStream out, PrintStream err) {
    Logging.configure("warn");
    var o = cli.options();
    try {
      return new dev.taskorchestrator.server.demo.Demo(out).run(new dev.taskorchestrator.server.demo.Demo.Options(
          o.containsKey("dir") ? java.nio.file.Path.of(o.get("dir")) : null, o.get("base-url"), o.get("model")));
    } catch (java.io.IOException e) {
      err.println("task-orchestrator: demo failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The early stdio side answered initialize; what the client asks next gets the reason it cannot be served. */
  private static void refuseAll(StdioSide early, String message) {
    if (early == null) {
      return;
    }
    try {
      early.refuseAll("Task Orchestrator cannot start: " + message + ". Fix it and restart the server.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
