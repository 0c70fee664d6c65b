package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.server.config.ConfigException;
import dev.taskorchestrator.server.config.ConfigLoader;
import dev.taskorchestrator.server.config.ConfigSchema;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.storage.Database;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every numeric and duration key the configuration accepts, found from the records, set to values at and
 * beyond any sensible range: either the configuration is refused at load with one line naming that YAML
 * key, or everything {@code serve} builds from it (budget guard, breakers, patterns, telemetry, providers,
 * the orchestrator) starts. A bound that only a later constructor enforces — the class of defect where
 * {@code doctor} passed and the first tool call of {@code serve} failed — fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigRangesTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir static Path tmp;
  private static Database db;

  @BeforeAll
  static void openOneDatabase() {
    db = Storage.open(tmp.resolve("data"));
  }

  @AfterAll
  static void closeIt() {
    db.close();
  }

  record Case(String key, String value) {
    @Override
    public String toString() {
      return key + " = " + value;
    }
  }

  Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (ConfigSchema.Key k : ConfigSchema.keys()) {
      Class<?> type = valueType(k.type());
      List<String> values = type == Integer.class || type == int.class || type == Long.class || type == long.class
          ? List.of("-1", "0", "1", "2147483647", "2147483648")
          : type == Double.class || type == double.class || type == BigDecimal.class
              ? List.of("-1", "0", "0.5", "1.0E12", "1.0E-12")
              : type == Duration.class ? List.of("0s", "PT-1S", "1ms", "100000d") : List.of();
      values.forEach(v -> out.add(new Case(k.path(), v)));
    }
    assertThat(out).as("numeric and duration keys found").hasSizeGreaterThan(60);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachValueIsRefusedAtLoadNamingItsKeyOrStartsEverything(Case c) throws Exception {
    String concrete = c.key().replace("[]", "[0]")
        .replace("<name>", c.key().startsWith("archetypes.") ? "builder" : "x");
    Path file = Files.writeString(tmp.resolve("config.yaml"), YAML.writeValueAsString(tree(c)));
    Map<String, String> env = Map.of("HOME", tmp.toString());
    OrchestratorConfig config;
    try {
      config = new ConfigLoader(env::get).load(file, Map.of()).config();
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith("configuration: " + concrete).doesNotContain("\n");
      return;
    }
    startEverythingServeStarts(config, env);
  }

  private void startEverythingServeStarts(OrchestratorConfig config, Map<String, String> env) {
    Clock clock = Clock.systemUTC();
    var redactor = ConfiguredSecrets.redactor(config, env::get, env);
    try (var budget = Budgets.guard(config.budget(), db, clock);
        var telemetry = Wiring.telemetry(config, env::get, redactor);
        var orchestrator = Wiring.orchestrator(config, Wiring.archetypes(config), db, budget,
            Wiring.patterns(config, db, clock, redactor), env::get, McpJsonDefaults.getMapper(), telemetry, clock)) {
      assertThat(orchestrator).isNotNull();
    }
  }

  /** A configuration that sets the case's key, inside the least entry its list or mapping needs. */
  private static ObjectNode tree(Case c) {
    ObjectNode root = NODES.objectNode();
    ObjectNode node = root;
    String[] parts = c.key().split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      if (part.endsWith("[]")) {
        String list = part.substring(0, part.length() - 2);
        ArrayNode array = node.putArray(list);
        node = array.addObject();
        fillRequired(String.join(".", List.of(parts).subList(0, i)) + (i == 0 ? "" : ".") + list, node);
      } else if (part.equals("<name>")) {
        node = node.putObject(parts[i - 1].equals("archetypes") ? "builder" : "x");
        fillRequired(parts[i - 1], node);
      } else {
        node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
        if (part.endsWith("-price")) {
          fillRequired(String.join(".", List.of(parts).subList(0, i + 1)), node);
        }
      }
    }
    String leaf = parts[parts.length - 1];
    JsonNode value = c.value().matches("-?[0-9.E-]+") ? NODES.numberNode(new BigDecimal(c.value()))
        : NODES.stringNode(c.value());
    if (Map.class.getSimpleName().equals(leafKind(c.key()))) {
      node.putObject(leaf).set("x", value);
    } else {
      node.set(leaf, value);
    }
    return root;
  }

  private static void fillRequired(String container, ObjectNode entry) {
    switch (container) {
      case "providers" -> entry.put("name", "p").put("type", "openai").put("base-url", "http://127.0.0.1:9/v1");
      case "budget.prices" -> entry.put("model", "m").put("input", 1).put("output", 1);
      case "tool-servers" -> entry.put("url", "http://127.0.0.1:9/mcp");
      case "budget.fallback-price", "budget.sampling-price" -> entry.put("input", 1).put("output", 1);
      default -> { }
    }
  }

  private static String leafKind(String key) {
    return ConfigSchema.keys().stream().filter(k -> k.path().equals(key)).findFirst()
        .map(k -> k.type() instanceof ParameterizedType p && Map.class.isAssignableFrom((Class<?>) p.getRawType())
            ? Map.class.getSimpleName() : "value").orElse("value");
  }

  /** The type of the values a key takes: a map's or a list's element type, else the key's own. */
  private static Class<?> valueType(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      Type element = Map.class.isAssignableFrom(raw) ? args[1] : List.class.isAssignableFrom(raw) ? args[0] : type;
      return element instanceof Class<?> c ? c : Object.class;
    }
    return type instanceof Class<?> c ? c : Object.class;
  }
}
