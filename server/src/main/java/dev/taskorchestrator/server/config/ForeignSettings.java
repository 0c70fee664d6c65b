package dev.taskorchestrator.server.config;

import dev.taskorchestrator.agents.ArchetypeSettings;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.agents.ToolServerSettings;
import dev.taskorchestrator.telemetry.TelemetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@link Allowed} declarations of keys bound to records of other modules, which cannot carry the
 * annotation: each interface lists, under the component's own name, the components that have rules.
 * {@code ConfigSchemaTest} checks that every method names a component of its record.
 */
final class ForeignSettings {

  /** The name of an environment variable, never its value. */
  static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

  static final Map<Class<?>, Class<?>> BY_RECORD = Map.of(
      ProviderConfig.class, Provider.class,
      ToolServerSettings.class, ToolServer.class,
      ArchetypeSettings.class, Archetype.class,
      TelemetryConfig.class, Telemetry.class);

  private ForeignSettings() {}

  /** {@code providers[]}. */
  interface Provider {
    @Allowed(required = true, hint = "a unique name such as openai or local-ollama")
    String name();

    @Allowed(required = true, hint = "openai, anthropic or sampling")
    ProviderType type();

    @Allowed(pattern = ENV_NAME, secret = true,
        hint = "give the NAME of the environment variable that holds the key (letters, digits, _), not the key")
    String apiKeyEnv();

    @Allowed(above = "0s", hint = "such as 120s")
    Duration timeout();
  }

  /** {@code tool-servers.<name>}. */
  interface ToolServer {
    @Allowed(above = "0s", hint = "such as 60s")
    Duration timeout();
  }

  /** {@code archetypes.<name>}. */
  interface Archetype {
    @Allowed(min = "0", max = "2")
    Double temperature();

    @Allowed(min = "1")
    Integer maxTokens();

    @Allowed(min = "1")
    Integer maxSteps();
  }

  /** {@code telemetry}. */
  interface Telemetry {
    @Allowed(min = "1")
    Integer maxContentChars();

    @Allowed(regex = true)
    List<String> secretPatterns();

    @Allowed(min = "1")
    Integer queueSize();

    @Allowed(above = "0s")
    Duration exportTimeout();

    @Allowed(above = "0s")
    Duration shutdownDeadline();

    @Allowed(above = "0s")
    Duration metricsInterval();
  }
}
