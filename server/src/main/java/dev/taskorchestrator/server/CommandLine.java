package dev.taskorchestrator.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: one command and its options. Options that are configuration keys go into
 * {@link #overrides()}, which win over file and environment.
 */
record CommandLine(String command, Path configFile, Map<String, String> overrides, boolean help,
    Map<String, String> options) {

  static final Set<String> COMMANDS = Set.of("serve", "doctor", "demo", "help", "version");
  /** The demo's own options: it writes its own configuration and reads none. */
  private static final Set<String> DEMO_OPTIONS = Set.of("--dir", "--base-url", "--model");

  private static final Map<String, String> GLOBAL_KEYS = Map.of("--data-dir", "data-dir");
  private static final Map<String, String> SERVE_KEYS = Map.of(
      "--transport", "server.transport",
      "--host", "server.host",
      "--port", "server.port",
      "--token-env", "server.token-env",
      "--allowed-hosts", "server.allowed-hosts");

  /** A command line that does not parse; the message says what was wrong (exit status 2). */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static CommandLine parse(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("no command given; try 'task-orchestrator serve' or 'task-orchestrator --help'");
    }
    String first = args.get(0);
    if (first.equals("--help") || first.equals("-h")) {
      return new CommandLine("help", null, Map.of(), true, Map.of());
    }
    if (first.equals("--version") || first.equals("-V")) {
      return new CommandLine("version", null, Map.of(), false, Map.of());
    }
    if (!COMMANDS.contains(first)) {
      throw new UsageException("unknown command '" + first + "'; commands: serve, doctor, demo, help, version");
    }
    return parseOptions(first, args.subList(1, args.size()));
  }

  private static CommandLine parseOptions(String command, List<String> rest) {
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      boolean demo = command.equals("demo");
      String key = demo ? null : GLOBAL_KEYS.getOrDefault(name, command.equals("serve") ? SERVE_KEYS.get(name) : null);
      boolean own = demo && DEMO_OPTIONS.contains(name);
      if (!own && (demo || !name.equals("--config")) && key == null) {
        throw new UsageException("unknown option '" + name + "' for " + command + "; see 'task-orchestrator "
            + command + " --help'");
      }
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < rest.size()) {
        value = rest.get(++i);
      } else {
        throw new UsageException("option " + name + " needs a value");
      }
      if (own) {
        options.put(name.substring(2), value);
      } else if (name.equals("--config")) {
        config = Path.of(value);
      } else {
        overrides.put(key, value);
      }
    }
    if (options.containsKey("base-url") != options.containsKey("model")) {
      throw new UsageException("demo: --base-url and --model go together (an OpenAI-compatible server and one of "
          + "its models)");
    }
    return new CommandLine(command, config, overrides, help, options);
  }

  static String usage(String command) {
    String common = """
          --config FILE      configuration file (default $XDG_CONFIG_HOME/task-orchestrator/config.yaml;
                             env TASK_ORCHESTRATOR_CONFIG)
          --data-dir DIR     data directory holding the SQLite database (default
                             $XDG_DATA_HOME/task-orchestrator; env TASK_ORCHESTRATOR_DATA_DIR)
          -h, --help         this help
        """;
    return switch (command) {
      case "serve" -> """
          Usage: task-orchestrator serve [options]
          Serves MCP over stdio (default) or Streamable HTTP at /mcp. Logs go to stderr.

          Options:
            --transport T      stdio (default) or http
            --host ADDR        HTTP: address to bind (default 127.0.0.1)
            --port N           HTTP: port (default 8080; 0 picks a free one)
            --token-env NAME   HTTP: clients must send 'Authorization: Bearer <value of $NAME>';
                               required when --host is not a loopback address
            --allowed-hosts H  HTTP: comma-separated names clients reach the server by (Host header);
                               required when --host is not a loopback address
          """ + common;
      case "demo" -> """
          Usage: task-orchestrator demo [options]
          Runs the real server over stdio with a real MCP client and one spawn end to end: budget,
          circuit breaker, provider call, and the trace (written to a file and printed). With no
          options the model is a scripted stand-in on 127.0.0.1 that says so in its answer: no API
          key, no account, nothing leaves this machine.

          Options:
            --dir DIR          where its configuration, database and traces go (default: a new
                               temporary directory)
            --base-url URL     use this OpenAI-compatible server instead (e.g. Ollama's
                               http://127.0.0.1:11434/v1), with --model
            --model NAME       that server's model
            -h, --help         this help
          """;
      case "doctor" -> """
          Usage: task-orchestrator doctor [options]
          Checks the configuration, the data directory and database, budgets and circuits, each
          provider (key variable, reachable, key accepted, models), the tool servers, the HTTP port
          and telemetry, and says in plain words what is wrong and how to fix it. Exit status 0 when
          all is well, 1 when something is wrong.

          Options:
          """ + common;
      default -> """
          Usage: task-orchestrator <command> [options]
          Task Orchestrator: an MCP server that runs specialist sub-agents behind a budget guard,
          circuit breakers and learned failure patterns.

          Commands:
            serve     serve MCP over stdio (default) or Streamable HTTP
            doctor    check configuration, database, providers, tool servers and telemetry
            demo      see it work: one spawn end to end, no API key needed
            version   print the version
            help      this help ('task-orchestrator <command> --help' for a command's options)

          Exit status: 0 ok, 1 failure, 2 bad command line or configuration.
          """;
    };
  }
}
