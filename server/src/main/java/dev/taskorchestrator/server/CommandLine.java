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
record CommandLine(String command, Path configFile, Map<String, String> overrides, boolean help) {

  static final Set<String> COMMANDS = Set.of("serve", "doctor", "help", "version");

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
      return new CommandLine("help", null, Map.of(), true);
    }
    if (first.equals("--version") || first.equals("-V")) {
      return new CommandLine("version", null, Map.of(), false);
    }
    if (!COMMANDS.contains(first)) {
      throw new UsageException("unknown command '" + first + "'; commands: serve, doctor, help, version");
    }
    return parseOptions(first, args.subList(1, args.size()));
  }

  private static CommandLine parseOptions(String command, List<String> rest) {
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      String key = GLOBAL_KEYS.getOrDefault(name, command.equals("serve") ? SERVE_KEYS.get(name) : null);
      if (!name.equals("--config") && key == null) {
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
      if (name.equals("--config")) {
        config = Path.of(value);
      } else {
        overrides.put(key, value);
      }
    }
    return new CommandLine(command, config, overrides, help);
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
      case "doctor" -> """
          Usage: task-orchestrator doctor [options]
          Checks the configuration, the data directory and the database, and says in plain words
          what is wrong and how to fix it. Exit status 0 when all is well, 1 when something is wrong.

          Options:
          """ + common;
      default -> """
          Usage: task-orchestrator <command> [options]
          Task Orchestrator: an MCP server that runs specialist sub-agents behind a budget guard,
          circuit breakers and learned failure patterns.

          Commands:
            serve     serve MCP over stdio (default) or Streamable HTTP
            doctor    check configuration, data directory and database
            version   print the version
            help      this help ('task-orchestrator <command> --help' for a command's options)

          Exit status: 0 ok, 1 failure, 2 bad command line or configuration.
          """;
    };
  }
}
