package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ToolServerSettings;
import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.redaction.SecretValues;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.telemetry.TelemetrySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every secret value the server knows, gathered into the one redactor that the log, the database, the
 * trace export, the pattern store and every tool result use: each provider's key (from its
 * {@code api-key-env} variable, whatever the key looks like) and secret-looking {@code headers}, the HTTP
 * bearer token ({@code server.token-env}), the Langfuse secret key and OTLP headers, the secret-looking
 * {@code env} and {@code headers} of the tool servers, variables of the process environment whose name says
 * they hold a secret, and the regexes of {@code telemetry.secret-patterns} and {@code patterns.secret-patterns}.
 */
final class ConfiguredSecrets {

  private ConfiguredSecrets() {}

  /** What the process environment alone gives away, before the configuration is read. */
  static Redactor ofEnvironment(Map<String, String> processEnv) {
    return Redactor.of(SecretValues.among(processEnv), List.of());
  }

  /**
   * @param env how the configuration reads variables (the process environment, or a test's)
   * @param processEnv the process environment, searched for secret-named variables
   * @throws dev.taskorchestrator.server.config.ConfigException when the telemetry block is invalid
   */
  static Redactor redactor(OrchestratorConfig config, Function<String, String> env, Map<String, String> processEnv) {
    List<String> values = new ArrayList<>(SecretValues.among(processEnv));
    for (ProviderConfig p : config.providers()) {
      addValue(values, env.apply(p.apiKeyEnv()));
      values.addAll(SecretValues.among(p.headers()));
    }
    if (config.server().tokenEnv() != null) {
      addValue(values, env.apply(config.server().tokenEnv()));
    }
    for (ToolServerSettings t : config.toolServers().values()) {
      values.addAll(SecretValues.among(t.env()));
      values.addAll(SecretValues.among(t.headers()));
    }
    TelemetrySettings telemetry = Wiring.telemetrySettings(config, env);
    values.addAll(telemetry.secretValues());
    List<String> patterns = new ArrayList<>(telemetry.secretPatterns());
    patterns.addAll(config.patterns().secretPatterns());
    return Redactor.of(values, patterns); // both pattern lists were checked when the configuration was loaded
  }

  private static void addValue(List<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value.strip());
    }
  }
}
