package dev.taskorchestrator.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code tool-servers:}, shaped like an MCP client's {@code mcpServers}: either a process
 * ({@code command}, {@code args}, {@code env}) spoken to over stdio, or a Streamable HTTP {@code url}
 * (with optional {@code headers}).
 *
 * @param timeout how long one tool call may take (default 60 s)
 */
public record ToolServerSettings(
    String command, List<String> args, Map<String, String> env, String url, Map<String, String> headers,
    Duration timeout) {

  public ToolServerSettings {
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(env);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
  }

  /** Checks the entry; the message names the server and the problem. */
  public void validate(String name) {
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool-servers." + name
          + ": a server name may use letters, digits, - and _ only (tools are named server.tool)");
    }
    if ((command == null) == (url == null)) {
      throw new IllegalArgumentException("tool-servers." + name + ": give either command (stdio) or url (HTTP)");
    }
    if (url != null && !url.matches("https?://.+")) {
      throw new IllegalArgumentException("tool-servers." + name + ".url must start with http:// or https://");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("tool-servers." + name + ".timeout must be positive");
    }
  }
}
