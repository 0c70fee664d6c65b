package dev.taskorchestrator.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built jar run as a child process, its stderr collected line by line. */
final class ServerProcess implements AutoCloseable {

  /** The jar under test: the one built, or another given as {@code -Dserver.jar=PATH} (to compare builds). */
  static final Path JAR = Path.of(System.getProperty("server.jar", "target/task-orchestrator.jar")).toAbsolutePath();
  private static final Pattern URL = Pattern.compile("at (http://\\S+/mcp)");

  final Process process;
  final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread stderrReader;

  private ServerProcess(Process process) {
    this.process = process;
    this.stderrReader = Thread.ofPlatform().daemon().start(() -> {
      try (var r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          stderr.add(line);
        }
      } catch (IOException e) {
        // process gone
      }
    });
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -jar task-orchestrator.jar ARGS}, the jar's presence checked first. */
  static List<String> command(String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run 'mvn verify' (the jar is built in package)");
    }
    List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static ServerProcess start(Map<String, String> env, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args));
    pb.environment().putAll(env);
    return new ServerProcess(pb.start());
  }

  /** Starts {@code serve --transport http --port 0} and waits for the URL it logs. */
  static ServerProcess http(Path dataDir, Map<String, String> env, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("serve", "--transport", "http", "--port", "0", "--data-dir",
        dataDir.toString()));
    args.addAll(List.of(extra));
    return start(env, args.toArray(String[]::new));
  }

  String awaitUrl(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stderr) {
        Matcher m = URL.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited " + process.exitValue() + ": " + stderr);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no URL logged within " + timeout + ": " + stderr);
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("server still running after " + timeout + "; stderr: " + stderr);
    }
    stderrReader.join(5000); // the last lines, written just before exit

    return process.exitValue();
  }

  /** Lines on stderr that look like a Java stack trace or name one of our or the SDK's classes. */
  List<String> leakyStderr() {
    return stderr.stream().filter(Leaks::leaks).toList();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
