package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.ScriptedReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} asks each provider for its model list: reachable, key accepted, models listed. */
class DoctorProviderTest {

  @TempDir Path tmp;
  private final FakeOpenAiServer fake = FakeOpenAiServer.start();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    fake.close();
  }

  private int doctor(String models) throws Exception {
    return doctor(models, Map.of("HOME", tmp.toString(), "FAKE_KEY", "sk-test-123"));
  }

  private int doctor(String models, Map<String, String> env) throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, """
        providers:
          - name: fake
            type: openai
            base-url: %s
            api-key-env: FAKE_KEY
            models: [%s]
        """.formatted(fake.baseUrl(), models));
    return Main.run(new String[] {"doctor", "--config", config.toString(), "--data-dir", tmp.resolve("d").toString()},
        env::get, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()), s -> { });
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportsAReachableProviderWithAcceptedKeyAndListedModels() throws Exception {
    fake.enqueue(ScriptedReply.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-fake\"},{\"id\":\"other\"}]}"));

    assertThat(doctor("gpt-fake")).isZero();

    assertThat(printed()).contains("ok    provider fake: openai at " + fake.baseUrl()
        + ": reachable, key accepted, models listed");
    assertThat(fake.lastRequest().path()).endsWith("/models");
    assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer sk-test-123");
    assertThat(printed()).doesNotContain("sk-test-123");
  }

  @Test
  void saysTheKeyWasRefusedNamingTheVariableNotTheKey() throws Exception {
    fake.enqueue(ScriptedReply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-123\"}}"));

    assertThat(doctor("gpt-fake")).isEqualTo(1);

    assertThat(printed()).contains("FAIL  provider fake:", "the API key from FAKE_KEY was refused (HTTP 401)")
        .doesNotContain("sk-test-123");
  }

  @Test
  void namesConfiguredModelsTheProviderDoesNotList() throws Exception {
    fake.enqueue(ScriptedReply.json(200, "{\"data\":[{\"id\":\"gpt-other\"}]}"));

    assertThat(doctor("gpt-fake")).isEqualTo(1);

    assertThat(printed()).contains("does not list gpt-fake");
  }

  @Test
  void aServerThatNeedsNoKeyIsOkAndSaysTheVariableIsNotSet() throws Exception {
    fake.enqueue(ScriptedReply.json(200, "{\"data\":[{\"id\":\"gpt-fake\"}]}"));

    assertThat(doctor("gpt-fake", Map.of("HOME", tmp.toString()))).isZero();

    assertThat(printed()).contains("ok    provider fake: openai at " + fake.baseUrl()
        + ": reachable, models listed; it needs no key (FAKE_KEY is not set)");
    assertThat(fake.lastRequest().header("Authorization")).isNull();
  }

  @Test
  void aServerThatAsksForAKeyWhenTheVariableIsNotSetSaysToExportIt() throws Exception {
    fake.enqueue(ScriptedReply.json(401, "{\"error\":{\"message\":\"missing key\"}}"));

    assertThat(doctor("gpt-fake", Map.of("HOME", tmp.toString()))).isEqualTo(1);

    assertThat(printed()).contains("FAIL  provider fake: openai at " + fake.baseUrl()
        + ": it asks for a key (HTTP 401); FAKE_KEY is not set: export FAKE_KEY=<your key>");
  }

  @Test
  void theVendorsApiWithoutItsKeyVariableFailsWithoutAsking() throws Exception {
    Path config = Files.writeString(tmp.resolve("vendor.yaml"), """
        providers:
          - { name: claude, type: anthropic, models: [claude-sonnet-4-5] }
        """);
    int status = Main.run(new String[] {"doctor", "--config", config.toString(), "--data-dir", tmp.resolve("d").toString()},
        Map.of("HOME", tmp.toString()), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), s -> { });

    assertThat(status).isEqualTo(1);
    assertThat(printed()).contains("FAIL  provider claude: anthropic at https://api.anthropic.com: ANTHROPIC_API_KEY "
        + "is not set; export ANTHROPIC_API_KEY=<your key> (or name the variable that holds it in api-key-env)");
  }

  @Test
  void aKeyVariableNoProviderReadsIsANoteSayingHowToUseIt() throws Exception {
    int status = Main.run(new String[] {"doctor", "--data-dir", tmp.resolve("d").toString()},
        Map.of("HOME", tmp.toString(), "OPENAI_API_KEY", "sk-not-shown-1234"), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), s -> { });

    assertThat(status).isZero();
    assertThat(printed()).contains("  note  OPENAI_API_KEY: is set, but no provider reads it, so it is not used. To "
        + "use it, add to the configuration: providers: [{ name: openai, type: openai, models: [gpt-4o-mini] }]")
        .contains("All checks passed.").doesNotContain("sk-not-shown");
  }
}
