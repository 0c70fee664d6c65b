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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
    int status = run(args, System::getenv, System.in, protocolOut, System.err, serve -> serving[0] = serve);
    System.exit(status);
  }

  /**
   * Over stdio, answers {@code initialize} before the configuration is bound (binding it costs about a
   * third of the time to that answer); only when the transport is surely stdio without binding it.
   */
  private static StdioSide openStdioEarly(CommandLine cli, ConfigLoader peek, InputStream in, PrintStream out,
      CountDownLatch stop) throws InterruptedException {
    if (!cli.command().equals("serve") || !peek.peek("server.transport", ServerSettings.defaults().transport(),
        cli.configFile(), cli.overrides()).orElse("").equals("stdio")) {
      return null;
    }
    // The loggers of the stdio side exist from now on: slf4j-simple takes the level when they are made.
    Optional<String> level = peek.peek("logging.level", OrchestratorConfig.LoggingSettings.defaults().level(),
        cli.configFile(), cli.overrides());
    if (level.isEmpty()) {
      return null;
    }
    Logging.configure(level.get());
    return StdioSide.open(McpJsonDefaults.getMapper(), in, out, Serve.stopOnEof(stop)).awaitFirstMessage();
  }

  /** Runs one command; {@code out} is the command's output (the protocol stream for stdio serve). */
  static int run(String[] args, Function<String, String> env, InputStream in, PrintStream out, PrintStream err,
      java.util.function.Consumer<Serve> started) {
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
    CountDownLatch stop = new CountDownLatch(1);
    StdioSide early;
    ConfigLoader.Loaded loaded;
    try {
      ConfigLoader loader = new ConfigLoader(env);
      early = openStdioEarly(cli, loader, in, out, stop);
      loaded = loader.load(cli.configFile(), cli.overrides());
    } catch (ConfigException e) {
      err.println("task-orchestrator: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    Logging.configure(loaded.config().logging().level());
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
      err.println("task-orchestrator: " + cli.command() + " failed: " + e);
      return 1;
    }
  }
}
