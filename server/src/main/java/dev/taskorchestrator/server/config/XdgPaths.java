package dev.taskorchestrator.server.config;

import java.nio.file.Path;
import java.util.function.Function;

/** Default locations, following the XDG base directory convention. */
public final class XdgPaths {

  static final String APP = "task-orchestrator";

  private XdgPaths() {}

  public static Path configFile(Function<String, String> env) {
    return base(env, "XDG_CONFIG_HOME", ".config").resolve(APP).resolve("config.yaml");
  }

  public static Path dataDir(Function<String, String> env) {
    return base(env, "XDG_DATA_HOME", ".local/share").resolve(APP);
  }

  /** Expands a leading {@code ~} the way a shell would. */
  public static Path expand(String path, Function<String, String> env) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(home(env) + path.substring(1));
    }
    return Path.of(path);
  }

  private static Path base(Function<String, String> env, String variable, String fallback) {
    String value = env.apply(variable);
    if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
      return Path.of(value);
    }
    return Path.of(home(env), fallback);
  }

  private static String home(Function<String, String> env) {
    String home = env.apply("HOME");
    return home != null && !home.isBlank() ? home : System.getProperty("user.home");
  }
}
