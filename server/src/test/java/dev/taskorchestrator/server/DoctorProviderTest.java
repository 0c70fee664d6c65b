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
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, """
        providers:
          - name: fake
            type: openai
            base-url: %s
            api-key-env: FAKE_KEY
            models: [%s]
        """.formatted(fake.baseUrl(), models));
    Map<String, String> env = Map.of("HOME", tmp.toString(), "FAKE_KEY", "sk-test-123");
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
}
