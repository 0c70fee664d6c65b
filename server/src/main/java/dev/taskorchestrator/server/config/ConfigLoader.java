package dev.taskorchestrator.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the configuration with the precedence defaults &lt; file &lt; environment &lt; flags, binds it
 * to {@link OrchestratorConfig} and validates it. Every failure is one {@link ConfigException} line.
 *
 * <p>Each scalar key {@code a.b-c} can be overridden by the environment variable
 * {@code TASK_ORCHESTRATOR_A_B_C}; lists take comma-separated values.
 */
public final class ConfigLoader {

  static final String ENV_PREFIX = "TASK_ORCHESTRATOR_";

  /** Variables with the prefix that are not configuration keys: the config file's and the launcher's. */
  static final java.util.Set<String> OTHER_VARIABLES = java.util.Set.of("TASK_ORCHESTRATOR_CONFIG",
      "TASK_ORCHESTRATOR_JAR", "TASK_ORCHESTRATOR_JAVA_OPTS", "TASK_ORCHESTRATOR_AOT");

  private final Function<String, String> env;
  private final java.util.Set<String> variableNames;
  // The file as parsed once (a loader serves one start): start-up peeks at it before it loads it whole.
  private Path parsedFile;
  private ObjectNode parsedTree;

  /** A loader that cannot list the environment, so it cannot report unknown {@code TASK_ORCHESTRATOR_*} variables. */
  public ConfigLoader(Function<String, String> env) {
    this(env, java.util.Set.of());
  }

  /**
   * @param env reads a variable
   * @param variableNames the names of every variable set, to report a {@code TASK_ORCHESTRATOR_*} one
   *     that names no key (a typo must not be ignored)
   */
  public ConfigLoader(Function<String, String> env, java.util.Set<String> variableNames) {
    this.env = env;
    this.variableNames = java.util.Set.copyOf(variableNames);
  }

  /** The result: the bound configuration and the file it came from, if any. */
  public record Loaded(OrchestratorConfig config, Optional<Path> file, Path dataDir) {}

  /**
   * @param explicitFile {@code --config FILE}, or null
   * @param flags overrides from the command line, keyed by configuration key ({@code server.port})
   */
  public Loaded load(Path explicitFile, Map<String, String> flags) {
    Map<String, String> origins = new HashMap<>();
    ObjectNode tree = (ObjectNode) ConfigMapper.YAML.valueToTree(OrchestratorConfig.defaults(env));
    Map<String, JsonNode> leaves = new java.util.LinkedHashMap<>();
    collectLeaves(tree, "", leaves);

    Optional<Path> file = locateFile(explicitFile);
    file.ifPresent(f -> merge(tree, parsed(f).deepCopy(), "", origins, " (from " + f + ")"));
    leaves.forEach((key, defaultValue) -> {
      String variable = envName(key);
      String value = env.apply(variable);
      if (value != null) {
        set(tree, key, scalarOrList(value, defaultValue));
        origins.put(key, " (from environment " + variable + ")");
      }
    });
    flags.forEach((key, value) -> {
      set(tree, key, scalarOrList(value, leaves.get(key)));
      origins.put(key, " (from flag --" + key.substring(key.lastIndexOf('.') + 1) + ")");
    });
    checkVariableNames(leaves.keySet());
    AllowedValues.check(tree, origins);
    OrchestratorConfig config = ConfigMapper.bind(tree, origins);
    ConfigValidator.validate(config, origins, env);
    return new Loaded(config, file, XdgPaths.expand(config.dataDir(), env).toAbsolutePath());
  }

  /**
   * The value {@link #load} would give the scalar {@code key} ({@code server.transport}), read without
   * binding the whole configuration: the flag, else the environment, else the file, else {@code ifUnset}.
   * Empty when that cannot be told cheaply (the file is missing, not valid YAML, or holds no scalar
   * there); {@link #load} then reports the problem.
   */
  public Optional<String> peek(String key, String ifUnset, Path explicitFile, Map<String, String> flags) {
    if (flags.containsKey(key)) {
      return Optional.of(flags.get(key));
    }
    String fromEnv = env.apply(envName(key));
    if (fromEnv != null) {
      return Optional.of(fromEnv);
    }
    try {
      Optional<Path> file = locateFile(explicitFile);
      if (file.isEmpty()) {
        return Optional.of(ifUnset);
      }
      JsonNode value = parsed(file.get());
      for (String part : key.split("\\.")) {
        value = value.path(part);
      }
      return value.isMissingNode() ? Optional.of(ifUnset)
          : value.isValueNode() && !value.isNull() ? Optional.of(value.asString()) : Optional.empty();
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  private void checkVariableNames(java.util.Set<String> keys) {
    java.util.Set<String> known = new java.util.TreeSet<>(OTHER_VARIABLES);
    keys.forEach(k -> known.add(envName(k)));
    for (String name : new java.util.TreeSet<>(variableNames)) {
      if (name.startsWith(ENV_PREFIX) && !known.contains(name)) {
        throw new ConfigException("configuration: environment variable " + name + " is not a setting"
            + Suggestions.closest(name, known).map(s -> "; did you mean " + s + "?").orElse("")
            + " (a key a.b-c is set by TASK_ORCHESTRATOR_A_B_C; unset the variable or fix its name)");
      }
    }
  }

  static String envName(String key) {
    return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }

  private Optional<Path> locateFile(Path explicitFile) {
    Path chosen = explicitFile;
    String source = "--config";
    if (chosen == null && env.apply("TASK_ORCHESTRATOR_CONFIG") != null) {
      chosen = XdgPaths.expand(env.apply("TASK_ORCHESTRATOR_CONFIG"), env);
      source = "TASK_ORCHESTRATOR_CONFIG";
    }
    if (chosen != null) {
      // Not only regular files: a shell's <(…) and /dev/stdin are readable too.
      if (!Files.isReadable(chosen) || Files.isDirectory(chosen)) {
        throw new ConfigException("configuration: file " + chosen + " (from " + source
            + ") does not exist or is not a readable file; create it or drop " + source);
      }
      return Optional.of(chosen);
    }
    Path standard = XdgPaths.configFile(env);
    return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
  }

  /** The file's tree, read and parsed on first use; callers that change it take a copy. */
  private ObjectNode parsed(Path file) {
    if (!file.equals(parsedFile)) {
      parsedTree = readFile(file);
      parsedFile = file;
    }
    return parsedTree;
  }

  private static ObjectNode readFile(Path file) {
    try {
      JsonNode node = ConfigMapper.YAML.readTree(Files.readString(file));
      if (node == null || node.isNull() || node.isMissingNode()) {
        return ConfigMapper.YAML.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("configuration: " + file + " must be a mapping of keys (like 'server:'), not a "
            + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new ConfigException("configuration: cannot read " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new ConfigException("configuration: " + file + " is not valid YAML: " + oneLine(e.getOriginalMessage())
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
    }
  }

  /** The YAML parser's message without its multi-line source excerpt (the error must stay one line). */
  static String oneLine(String message) {
    return message.lines()
        .filter(l -> !l.startsWith("    ") && !l.isBlank() && !l.strip().startsWith("in reader")
            && !l.strip().matches("\\^+"))
        .map(String::strip)
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static void merge(ObjectNode target, ObjectNode source, String prefix, Map<String, String> origins,
      String origin) {
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      String key = prefix + e.getKey();
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode s) {
        merge(o, s, key + ".", origins, origin);
      } else {
        target.set(e.getKey(), e.getValue());
        markOrigins(e.getValue(), key, origins, origin);
      }
    }
  }

  private static void markOrigins(JsonNode node, String key, Map<String, String> origins, String origin) {
    origins.put(key, origin);
    if (node instanceof ObjectNode o) {
      o.properties().forEach(e -> markOrigins(e.getValue(), key + "." + e.getKey(), origins, origin));
    }
  }

  private static void collectLeaves(JsonNode node, String prefix, Map<String, JsonNode> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        collectLeaves(e.getValue(), prefix + e.getKey() + ".", out);
      } else {
        out.put(prefix + e.getKey(), e.getValue());
      }
    }
  }

  private static JsonNode scalarOrList(String value, JsonNode like) {
    if (like != null && like.isArray()) {
      ArrayNode array = ConfigMapper.YAML.createArrayNode();
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          array.add(part.strip());
        }
      }
      return array;
    }
    return ConfigMapper.YAML.getNodeFactory().textNode(value);
  }

  private static void set(ObjectNode root, String key, JsonNode value) {
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }
}
