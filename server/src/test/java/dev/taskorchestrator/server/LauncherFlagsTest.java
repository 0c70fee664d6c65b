package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks run the server with the launcher's JVM flags: they must not drift apart. */
class LauncherFlagsTest {

  @Test
  void benchmarksUseTheFlagsTheLauncherRunsTheServerWith() throws Exception {
    String launcher = Files.readString(Path.of("..", "bin", "task-orchestrator"));
    String flagsLine = launcher.lines().filter(l -> l.startsWith("flags=(")).findFirst().orElseThrow();
    assertThat(flagsLine.substring("flags=(".length(), flagsLine.length() - 1).split(" "))
        .filteredOn(f -> f.startsWith("-XX:") || f.startsWith("-Xm") || f.startsWith("-Xs"))
        .containsExactlyInAnyOrderElementsOf(OrchestratorProcess.LAUNCHER_FLAGS);
  }
}
