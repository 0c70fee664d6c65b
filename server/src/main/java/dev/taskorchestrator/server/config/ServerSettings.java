package dev.taskorchestrator.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code server:} section.
 *
 * @param transport {@code stdio} (default) or {@code http} (Streamable HTTP at {@code /mcp})
 * @param host address to bind in HTTP mode; loopback by default
 * @param port TCP port in HTTP mode; 0 picks a free one (printed on stderr)
 * @param tokenEnv name of the environment variable holding the bearer token HTTP clients must send;
 *     required when {@code host} is not a loopback address
 * @param allowedOrigins extra browser origins allowed in HTTP mode (loopback origins always are)
 * @param allowedHosts the names and addresses clients reach the server by, as they send them in the
 *     {@code Host} header ({@code mcp.example.com}, {@code 192.168.1.10:8080}); loopback ones always pass;
 *     required when {@code host} is not a loopback address
 * @param maxRequestBytes largest accepted JSON-RPC message, per stdio line or HTTP body
 * @param requestTimeout how long a request to the client (sampling) may take
 * @param shutdownGrace how long in-flight calls may run on after a stop is asked for
 */
public record ServerSettings(
    @Allowed(oneOf = {"stdio", "http"}) String transport,
    String host,
    @Allowed(min = "0", max = "65535", hint = "0 picks a free one") int port,
    @Allowed(pattern = ForeignSettings.ENV_NAME, secret = true,
        hint = "give the NAME of an environment variable (letters, digits, _), not the token") String tokenEnv,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    @Allowed(min = "1024", max = "67108864", hint = "bytes") int maxRequestBytes,
    @Allowed(above = "0s", hint = "such as 10m") Duration requestTimeout,
    @Allowed(min = "0s", hint = "such as 10s") Duration shutdownGrace) {

  public ServerSettings {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }

  public static ServerSettings defaults() {
    return new ServerSettings("stdio", "127.0.0.1", 8080, null, List.of(), List.of(), 4 * 1024 * 1024,
        Duration.ofMinutes(10), Duration.ofSeconds(10));
  }

  public boolean http() {
    return "http".equals(transport);
  }
}
