package dev.taskorchestrator.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import dev.taskorchestrator.telemetry.TelemetrySettings;
import java.util.Map;
import java.util.function.Function;

/** Rules a bound configuration must satisfy beyond its types. */
final class ConfigValidator {

  /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
  private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
      "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private ConfigValidator() {}

  /**
   * The rules that relate keys to each other or to the world (a zone id, an address, the telemetry the
   * environment selects); the ranges of single keys are {@link Allowed} declarations.
   */
  static void validate(OrchestratorConfig c, Map<String, String> origins, Function<String, String> env) {
    ServerSettings s = c.server();
    require(c.dataDir() != null && !c.dataDir().isBlank(), "data-dir", c.dataDir(), origins,
        "give a directory path");
    require(s.transport() != null, "server.transport", s.transport(), origins, "use stdio or http");
    require(s.host() != null && !s.host().isBlank(), "server.host", s.host(), origins,
        "give an address such as 127.0.0.1");
    require(s.requestTimeout() != null, "server.request-timeout", null, origins, "use a duration such as 10m");
    require(s.shutdownGrace() != null, "server.shutdown-grace", null, origins, "use a duration such as 10s");
    require(s.tokenEnv() != null || !s.http() || isLoopback(s.host()), "server.host", s.host(), origins,
        "a non-loopback address needs a bearer token: set server.token-env (--token-env NAME)");
    require(c.logging() != null && c.logging().level() != null, "logging.level", null, origins,
        "use error, warn, info, debug or trace");
    require(validZone(c.budget().timeZone()), "budget.time-zone", c.budget().timeZone(), origins,
        "use a zone id such as UTC or Europe/Berlin");
    require(!s.allowedHosts().isEmpty() || !s.http() || isLoopback(s.host()), "server.allowed-hosts",
        s.allowedHosts(), origins, "server.host " + s.host() + " is not a loopback address: list the names "
            + "clients reach the server by (--allowed-hosts mcp.example.com,192.168.1.10)");
    for (String h : s.allowedHosts()) {
      require(h != null && HOST.matcher(h).matches(), "server.allowed-hosts", h, origins,
          "give a host name or address as clients send it in the Host header, optionally with :PORT "
              + "(no scheme, no path)");
    }
    checkAgents(c);
    checkBaseUrls(c, env);
    c.budget().priceTable();
    try {
      c.resilience().settings();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("configuration: resilience: " + e.getMessage());
    }
    try {
      c.patterns().settings();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("configuration: patterns: " + e.getMessage());
    }
    try {
      TelemetrySettings.resolve(TelemetryEnvironment.variables(env), c.telemetry());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
  }

  private static boolean validZone(String zone) {
    try {
      return zone == null || java.time.ZoneId.of(zone) != null;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  /** A provider without base-url takes OPENAI_BASE_URL / ANTHROPIC_BASE_URL: the message names the variable. */
  private static void checkBaseUrls(OrchestratorConfig c, Function<String, String> env) {
    for (var p : c.providers()) {
      if (p.baseUrl() != null || p.type() == dev.taskorchestrator.agents.ProviderType.SAMPLING) {
        continue;
      }
      String variable = p.type() == dev.taskorchestrator.agents.ProviderType.ANTHROPIC
          ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL";
      try {
        p.resolvedBaseUrl(env);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("configuration: environment variable " + variable + " = '" + env.apply(variable)
            + "' (used by provider '" + p.name() + "') is not allowed; give an http:// or https:// URL with a host");
      }
    }
  }

  /** Archetypes, provider names and tool servers must fit together; messages name the key. */
  private static void checkAgents(OrchestratorConfig c) {
    try {
      c.toolServers().forEach((name, settings) -> settings.validate(name));
      var archetypes = dev.taskorchestrator.agents.Archetypes.builtIn().with(c.archetypes());
      dev.taskorchestrator.orchestrator.ProviderRegistry.check(c.providers(), archetypes.all());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration: " + e.getMessage());
    }
  }

  /** Whether {@code host} names only this machine (127.0.0.0/8, ::1 or localhost). */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      // Literal addresses only: a name that resolves to loopback today may not tomorrow.
      if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void require(boolean ok, String key, Object value, Map<String, String> origins, String allowed) {
    if (!ok) {
      throw ConfigException.badValue(key, value, origins.getOrDefault(key, ""), allowed);
    }
  }
}
