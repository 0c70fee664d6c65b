package dev.taskorchestrator.agents;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a tool server's command the way the process start will ({@code PATH}, or a path), so that a
 * command that does not exist is reported at once: the SDK's client reports a process that could not
 * start only when its 30 s initialisation times out.
 */
final class ToolCommands {

  private ToolCommands() {}

  /** The executable {@code command} names, or empty when there is none. */
  static Optional<Path> resolve(String command, Map<String, String> env) {
    if (command.contains("/") || command.contains(File.separator)) {
      Path p = Path.of(command);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = env.getOrDefault("PATH", System.getenv("PATH"));
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String suffix : suffixes()) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, command + suffix);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private static String[] suffixes() {
    return File.separatorChar == '\\' ? new String[] {"", ".exe", ".cmd", ".bat"} : new String[] {""};
  }
}
