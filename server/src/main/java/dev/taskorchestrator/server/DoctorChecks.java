package dev.taskorchestrator.server;

import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.server.Doctor.Finding;
import dev.taskorchestrator.server.config.OrchestratorConfig;
import dev.taskorchestrator.server.config.ServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The doctor's checks of what the configuration leaves out or collides with. */
final class DoctorChecks {

  /** The ecosystem's key variables, and the provider type that would read each. */
  private static final Map<String, ProviderType> KEY_VARIABLES = Map.of(
      "OPENAI_API_KEY", ProviderType.OPENAI, "ANTHROPIC_API_KEY", ProviderType.ANTHROPIC);

  private DoctorChecks() {}

  /**
   * A key variable that is set but read by no provider: the user may expect it to be used (a client
   * configuration that passes {@code OPENAI_API_KEY}), and it is not; agents then run on MCP sampling.
   */
  static List<Finding> unusedKeys(OrchestratorConfig config, Function<String, String> env) {
    List<Finding> out = new ArrayList<>();
    KEY_VARIABLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String value = env.apply(e.getKey());
      boolean read = config.providers().stream().anyMatch(p -> e.getKey().equals(p.apiKeyEnv()));
      if (value != null && !value.isBlank() && !read) {
        out.add(Finding.note(e.getKey(), "is set, but no provider reads it, so it is not used. To use it, add "
            + "to the configuration: providers: [{ name: " + e.getValue().wireName() + ", type: "
            + e.getValue().wireName() + ", models: [" + (e.getValue() == ProviderType.OPENAI ? "gpt-4o-mini"
                : "claude-sonnet-4-5") + "] }]"));
      }
    });
    return out;
  }

  /** Over HTTP: whether the address can be bound now (port 0 always can). */
  static Finding port(ServerSettings s) {
    if (s.port() == 0) {
      return Finding.of(true, "server.port", "0: a free port is picked at each start");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(s.host(), s.port()));
      return Finding.of(true, "server.port", s.host() + ":" + s.port() + " is free");
    } catch (IOException e) {
      return Finding.of(false, "server.port", "cannot listen on " + s.host() + ":" + s.port() + " ("
          + (e.getMessage() == null ? "in use" : e.getMessage().toLowerCase(java.util.Locale.ROOT))
          + "); choose another port with --port or server.port (0 picks a free one), or stop what uses it");
    } catch (SecurityException | IllegalArgumentException e) {
      return Finding.of(false, "server.port", "cannot listen on " + s.host() + ":" + s.port() + "; check server.host");
    }
  }
}
