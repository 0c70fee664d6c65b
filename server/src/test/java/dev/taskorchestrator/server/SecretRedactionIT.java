package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.redaction.testing.SecretSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 §6–7, table-driven: every secret shape (and every secret the configuration makes known) through
 * every output path of the built jar, which runs at {@code logging.level: debug} (see {@link SecretScenario}).
 * Each cell checks that the path carried the sample's case (so it cannot pass on an empty output) and that
 * neither the secret nor its first 8 characters survive.
 */
class SecretRedactionIT {

  /** Where text leaves the server, and how to read what a sample left there. */
  enum OutputPath {
    RECORD_PATTERN_RESULT((s, o) -> o.recorded()),
    QUERY_PATTERNS_TAUGHT((s, o) -> o.queriedTaught()),
    ADVICE_SENT_TO_PROVIDERS((s, o) -> o.adviceRequests()),
    PATTERN_LEARNED_FROM_PROVIDER_ERROR((s, o) -> o.learnedFromProvider()),
    PATTERN_LEARNED_FROM_TOOL_ERROR((s, o) -> o.learnedFromTool()),
    SPAWN_RESULTS((s, o) -> o.spawnResults()),
    SPANS_AND_SCORES_EXPORTED((s, o) -> exported),
    STDERR_AT_DEBUG((s, o) -> stderr),
    DATABASE_FILE_BYTES((s, o) -> database);

    final java.util.function.BiFunction<SecretSample, SecretScenario.Outputs, String> read;

    OutputPath(java.util.function.BiFunction<SecretSample, SecretScenario.Outputs, String> read) {
      this.read = read;
    }
  }

  @TempDir static Path dir;
  static SecretScenario scenario;
  static final Map<String, SecretScenario.Outputs> outputs = new LinkedHashMap<>();
  static final Map<String, String> markers = new LinkedHashMap<>();
  static String exported;
  static String stderr;
  static String database;
  static Map<String, Object> afterRefusedKey;

  @BeforeAll
  static void putEverySampleThroughTheServer() throws Exception {
    scenario = new SecretScenario(dir);
    List<SecretSample> samples = SecretScenario.samples();
    for (int i = 0; i < samples.size(); i++) {
      markers.put(samples.get(i).name(), SecretScenario.marker(i));
      outputs.put(samples.get(i).name(), scenario.run(i, samples.get(i)));
    }
    afterRefusedKey = scenario.refusedKeyEchoedInA401();
    String last = SecretScenario.marker(samples.size() - 1);
    await(s -> s.exported(), text -> text.contains(last + " done"), "the last sample's spans");
    scenario.server.close(); // flushes the rest
    exported = scenario.exported();
    stderr = scenario.stderr();
    database = scenario.databaseBytes();
  }

  @AfterAll
  static void stop() {
    if (scenario != null) {
      scenario.close();
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (SecretSample s : SecretScenario.samples()) {
      for (OutputPath p : OutputPath.values()) {
        cells.add(Arguments.of(s, p));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("cells")
  void noSecretSurvivesThePath(SecretSample sample, OutputPath path) {
    String marker = markers.get(sample.name());
    SecretScenario.assertCarriedWithoutTheSecret(path.read.apply(sample, outputs.get(sample.name())), path,
        sample, marker);
  }

  @Test
  void aKeyEchoedMinusItsLastCharacterInA401BodyLeavesNoEightCharactersOfItOnStderrAtDebug() {
    assertThat(afterRefusedKey).containsEntry("status", "completed").containsEntry("provider", "fake");
    assertThat(stderr).contains("provider echo failed (auth)").contains("[DEBUG]");
    String key = SecretScenario.PROVIDER_KEY;
    for (int start = 0; start + 8 <= key.length(); start++) {
      assertThat(stderr).as("characters %d to %d of the key", start, start + 8)
          .doesNotContain(key.substring(start, start + 8));
    }
  }

  @Test
  void whatIsRedactedIsMarkedSoTheReaderKnowsSomethingWasThere() {
    outputs.forEach((name, o) -> assertThat(o.queriedTaught()).as(name).contains(Redactor.MASK));
    outputs.forEach((name, o) -> assertThat(o.learnedFromProvider()).as(name).contains(Redactor.MASK));
  }

  private static String await(Function<SecretScenario, String> read, java.util.function.Predicate<String> done,
      String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String text = read.apply(scenario);
      if (done.test(text)) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("waited 60 s for " + what);
  }
}
