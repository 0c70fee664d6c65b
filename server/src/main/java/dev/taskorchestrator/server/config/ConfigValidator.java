package dev.taskorchestrator.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Rules a bound configuration must satisfy beyond its types. */
final class ConfigValidator {

  private static final Set<String> TRANSPORTS = Set.of("stdio", "http");
  /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
  private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
      "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  private ConfigValidator() {}

  static void validate(OrchestratorConfig c, Map<String, String> origins) {
    ServerSettings s = c.server();
    require(c.dataDir() != null && !c.dataDir().isBlank(), "data-dir", c.dataDir(), origins,
        "give a directory path");
    require(s.transport() != null && TRANSPORTS.contains(s.transport()), "server.transport", s.transport(),
        origins, "use stdio or http");
    require(s.host() != null && !s.host().isBlank(), "server.host", s.host(), origins,
        "give an address such as 127.0.0.1");
    require(s.port() >= 0 && s.port() <= 65_535, "server.port", s.port(), origins,
        "use a port from 1 to 65535 (0 picks a free one)");
    require(s.maxRequestBytes() >= 1024 && s.maxRequestBytes() <= 64 * 1024 * 1024, "server.max-request-bytes",
        s.maxRequestBytes(), origins, "use 1024 to 67108864 bytes");
    require(positive(s.requestTimeout()), "server.request-timeout", s.requestTimeout(), origins,
        "use a positive duration such as 10m");
    require(s.shutdownGrace() != null && !s.shutdownGrace().isNegative(), "server.shutdown-grace",
        s.shutdownGrace(), origins, "use a duration of 0s or more");
    require(s.tokenEnv() == null || s.tokenEnv().matches("[A-Za-z_][A-Za-z0-9_]*"), "server.token-env",
        s.tokenEnv(), origins, "give the NAME of an environment variable (letters, digits, _), not the token");
    require(s.tokenEnv() != null || !s.http() || isLoopback(s.host()), "server.host", s.host(), origins,
        "a non-loopback address needs a bearer token: set server.token-env (--token-env NAME)");
    require(!s.allowedHosts().isEmpty() || !s.http() || isLoopback(s.host()), "server.allowed-hosts",
        s.allowedHosts(), origins, "server.host " + s.host() + " is not a loopback address: list the names "
            + "clients reach the server by (--allowed-hosts mcp.example.com,192.168.1.10)");
    for (String h : s.allowedHosts()) {
      require(h != null && HOST.matcher(h).matches(), "server.allowed-hosts", h, origins,
          "give a host name or address as clients send it in the Host header, optionally with :PORT "
              + "(no scheme, no path)");
    }
    checkAgents(c);
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
    require(c.resilience().timeScale() > 0 && c.resilience().timeScale() <= 1, "resilience.time-scale",
        c.resilience().timeScale(), origins, "use a number above 0 and at most 1");
    String level = c.logging() == null ? null : c.logging().level();
    require(level != null && LEVELS.contains(level), "logging.level", level, origins,
        "use error, warn, info, debug or trace");
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

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String key, Object value, Map<String, String> origins, String allowed) {
    if (!ok) {
      throw ConfigException.badValue(key, value, origins.getOrDefault(key, ""), allowed);
    }
  }
}
