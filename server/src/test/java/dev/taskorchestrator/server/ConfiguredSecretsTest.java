package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.server.config.ConfigLoader;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredSecretsTest {

  @TempDir Path tmp;
  private final Map<String, String> env = new HashMap<>();

  private OrchestratorConfig config(String yaml) throws Exception {
    env.put("HOME", tmp.toString());
    return new ConfigLoader(env::get).load(Files.writeString(tmp.resolve("config.yaml"), yaml), Map.of()).config();
  }

  @Test
  void everyConfiguredSecretIsKnownWhateverItsShapeAndOrdinaryValuesAreNot() throws Exception {
    env.put("UPSTREAM_ID", "zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY");
    env.put("TO_BEARER", "42d44ab55bb7c0f49ecea5809dd650dbb93dfbdb");
    env.put("LANGFUSE_PUBLIC_KEY", "pk-lf-x");
    env.put("LANGFUSE_SECRET_KEY", "lfsec-ArZGVzHfXRRc3sP9xSswfPh0ch");
    OrchestratorConfig config = config("""
        server: { token-env: TO_BEARER }
        providers:
          - { name: up, type: openai, api-key-env: UPSTREAM_ID, headers: { X-Gateway-Auth: gw-7f3a9c2e1b5d, HTTP-Referer: https://example.org/app } }
        tool-servers:
          files: { command: files-server, env: { FILES_API_TOKEN: te_ucKtI3HNJ5atN3Jui71d6up7IQYT5n, LOG_DIR: /var/log/files-server } }
          search: { url: "http://127.0.0.1:9000/mcp", headers: { Authorization: Bearer sr-0a1b2c3d4e5f } }
        telemetry: { secret-patterns: ["ACME-[0-9]{6}"] }
        patterns: { secret-patterns: ["TENANT-[0-9]{4}"] }
        """);
    Redactor r = ConfiguredSecrets.redactor(config, env::get, Map.of("SHELL_SECRET", "shellvalue-9x8y7z"));

    String text = "zq76HDJY15WJzIa2GxA5jbvYeHR 42d44ab55bb7c0f49ecea5809dd650dbb93dfbdb "
        + "lfsec-ArZGVzHfXRRc3sP9xSswfPh0ch gw-7f3a9c2e1b5d te_ucKtI3HNJ5atN3Jui71d6up7IQYT5n sr-0a1b2c3d4e5f "
        + "shellvalue-9x8y7z ACME-271828 TENANT-0042";
    assertThat(r.redact(text)).isEqualTo(String.join(" ", java.util.Collections.nCopies(9, Redactor.MASK)));
    String ordinary = "logs in /var/log/files-server, referred by https://example.org/app";
    assertThat(r.redact(ordinary)).isSameAs(ordinary);
  }

  @Test
  void beforeTheConfigurationIsReadTheEnvironmentsSecretNamedVariablesAreKnown() {
    Redactor r = ConfiguredSecrets.ofEnvironment(Map.of("OPENAI_API_KEY", "opaque-1f2e3d4c5b6a", "PATH", "/usr/bin"));
    assertThat(r.redact("key opaque-1f2e3d4c5b6a in /usr/bin")).isEqualTo("key [REDACTED] in /usr/bin");
  }
}
