package dev.taskorchestrator.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's configuration file: one provider, a small daily budget, traces to a file. */
final class DemoConfig {

  static final String TRACES = "traces.jsonl";

  private DemoConfig() {}

  static Path write(Path dir, String baseUrl, String model, boolean scripted) throws IOException {
    String yaml = """
        # Written by 'task-orchestrator demo'.
        data-dir: %s
        logging: { level: warn }
        providers:
          - { name: demo, type: openai, base-url: %s, api-key-env: DEMO_MODEL_API_KEY, models: [%s] }
        budget:
          daily-limit-usd: 1
        %s
        telemetry:
          traces-file: %s
        """.formatted(quote(dir.resolve("data").toString()), quote(baseUrl), quote(model),
        scripted
            ? "  prices:  # a made-up price, so that the budget has something to count\n"
                + "    - { model: " + model + ", input: 1.00, output: 2.00, source: \"demo price, not a real one\" }"
            : "  local-models: { base-urls: [" + quote(baseUrl + "*") + "] }  # your server: free",
        quote(dir.resolve(TRACES).toString()));
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
