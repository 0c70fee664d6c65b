package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.testing.TestToolServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration for the end-to-end tests of the immune system and of tracing: the fake OpenAI
 * provider {@code fake}, the test tool server as {@code files} (tools {@code files.search} — hangs —,
 * {@code files.cached_search}, {@code files.delete_all}, …) and short resilience waits.
 */
final class E2eConfig {

  /** Nominal open interval × time scale: how long an opened tool circuit stays open. */
  static final long OPEN_MS = 6_000;

  private E2eConfig() {}

  static Path write(Path dir, String providerUrl, Path toolLog) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("data-dir: ").append(quote(dir.resolve("data").toString())).append('\n');
    y.append("logging:\n  level: warn\n");
    y.append("providers:\n  - name: fake\n    type: openai\n    base-url: ").append(quote(providerUrl))
        .append("\n    api-key-env: ").append(OrchestratorProcess.KEY_ENV).append("\n    models: [gpt-fake]\n");
    y.append("tool-servers:\n  files:\n    command: ").append(quote(TestToolServer.javaCommand()))
        .append("\n    args:\n");
    for (String a : TestToolServer.args()) {
      y.append("      - ").append(quote(a)).append('\n');
    }
    y.append("    env:\n      ").append(TestToolServer.LOG_ENV).append(": ").append(quote(toolLog.toString()))
        .append('\n');
    // retries and the open interval are scaled by 0.01 (a wait of 100 ms); the call timeout is not. The test
    // tool server answers one call at a time, so search (TestToolServer.SEARCH_MS, 900 ms) is only a little longer
    // than the call timeout (800 ms) and the working tool called after it does not wait long. Five consecutive
    // failed attempts open a circuit: two calls (two attempts each) do not.
    y.append("""
        budget:
          fallback-price:
            input: 2.50
            output: 10.00
        resilience:
          retries: 1
          base-delay: 10s
          max-delay: 20s
          failures-to-open: 5
          window-size: 20
          minimum-calls: 20
          successes-to-close: 1
          open-duration: %dms
          timeout: 800ms
          time-scale: 0.01
        """.formatted(OPEN_MS * 100));
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, y.toString());
    return file;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
