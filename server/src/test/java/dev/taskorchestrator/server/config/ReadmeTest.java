package dev.taskorchestrator.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README documents what the server accepts, and what it documents is accepted. */
class ReadmeTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z][^`]*)` \\|", Pattern.MULTILINE);
  private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path tmp;

  private static String readme() throws IOException {
    return Files.readString(README);
  }

  private static String section(String text, String heading) {
    int start = text.indexOf(heading);
    assertThat(start).as("README has " + heading).isNotNegative();
    int end = text.indexOf("\n## ", start + heading.length());
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static Set<String> accepted() {
    return ConfigSchema.keys().stream().map(ConfigSchema.Key::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> documented() throws IOException {
    Set<String> rows = new TreeSet<>();
    Matcher m = ROW.matcher(section(readme(), "### Every key"));
    while (m.find()) {
      rows.add(m.group(1));
    }
    return rows;
  }

  @Test
  void everyKeyTheConfigurationAcceptsHasItsRowInTheReadme() throws IOException {
    Set<String> missing = new TreeSet<>(accepted());
    missing.removeAll(documented());
    assertThat(missing).as("keys the configuration records accept but README.md's 'Every key' table lacks").isEmpty();
  }

  @Test
  void everyKeyTheReadmeDocumentsIsAccepted() throws IOException {
    Set<String> stale = new TreeSet<>(documented());
    stale.removeAll(accepted());
    assertThat(stale).as("keys in README.md's table that the configuration does not accept").isEmpty();
  }

  @Test
  void theReadmesConfigurationExamplesLoad() throws IOException {
    List<String> examples = new ArrayList<>();
    Matcher m = YAML.matcher(readme());
    while (m.find()) {
      examples.add(m.group(1));
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
    Map<String, String> env = Map.of("HOME", tmp.toString());
    for (String yaml : examples) {
      Path file = Files.writeString(tmp.resolve("example.yaml"), yaml);
      assertThat(new ConfigLoader(env::get).load(file, Map.of()).file()).as(yaml).contains(file);
    }
  }

  @Test
  void everyEnvironmentVariableTheServerReadsIsNamedInTheReadme() throws IOException {
    Set<String> read = new TreeSet<>(TelemetryEnvironment.NAMES);
    // A key's own variable (TASK_ORCHESTRATOR_TELEMETRY_CAPTURE_CONTENT) is documented by the rule for all keys.
    read.removeIf(v -> v.startsWith(ConfigLoader.ENV_PREFIX));
    read.addAll(ConfigLoader.OTHER_VARIABLES);
    read.addAll(List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
        "TASK_ORCHESTRATOR_DATA_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"));
    String text = readme();
    assertThat(read).allSatisfy(v -> assertThat(text).as(v).containsPattern("\\b" + v + "\\b"));
  }
}
