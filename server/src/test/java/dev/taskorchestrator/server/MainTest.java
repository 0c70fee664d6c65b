package dev.taskorchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Migration;
import dev.taskorchestrator.storage.Schema;
import dev.taskorchestrator.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit status and the lines printed. */
class MainTest {

  @TempDir Path tmp;
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return runWithStdin("", args);
  }

  private int runWithStdin(String stdin, String... args) {
    env.putIfAbsent("HOME", tmp.toString());
    return Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        serve -> {});
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noCommandOrUnknownCommandOrOptionExitsWithStatus2AndOneLine() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).isEqualTo("task-orchestrator: no command given; try 'task-orchestrator serve' or "
        + "'task-orchestrator --help'" + System.lineSeparator());
    err.reset();
    assertThat(run("serv")).isEqualTo(2);
    assertThat(err()).startsWith("task-orchestrator: unknown command 'serv'; commands: serve, doctor");
    err.reset();
    assertThat(run("doctor", "--port", "1")).isEqualTo(2);
    assertThat(err()).startsWith("task-orchestrator: unknown option '--port' for doctor");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void configurationErrorExitsWithStatus2AndOneLine() throws IOException {
    Path f = Files.writeString(tmp.resolve("c.yaml"), "server:\n  port: x\n");
    assertThat(run("serve", "--config", f.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("task-orchestrator: configuration: server.port = 'x' (from " + f + ") is not "
        + "allowed; expected a whole number" + System.lineSeparator());
    err.reset();
    assertThat(run("serve", "--transport", "http", "--host", "0.0.0.0")).isEqualTo(2);
    assertThat(err()).contains("a non-loopback address needs a bearer token").hasLineCount(1);
  }

  @Test
  void aRangeErrorFoundAfterTheEarlyInitializeAnswerStillExits2AndAnswersEveryRequestWithIt() throws IOException {
    Path f = Files.writeString(tmp.resolve("c.yaml"), "budget:\n  daily-limit-usd: -5\n");
    String stdin = HttpSecurityIT.INIT + "\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":\"check_budget\"}}\n";

    assertThat(runWithStdin(stdin, "serve", "--config", f.toString(), "--data-dir", tmp.resolve("d").toString()))
        .isEqualTo(2);

    String line = "configuration: budget.daily-limit-usd = '-5' (from " + f + ") is not allowed; use a number from 0";
    assertThat(err()).startsWith("task-orchestrator: " + line).hasLineCount(1);
    List<String> answers = out().lines().toList();
    // initialize: answered early (before the configuration was read) or, on a slow start, refused like the rest
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0)).contains("\"id\":1").containsAnyOf("serverInfo", line);
    assertThat(answers.subList(1, 3)).allSatisfy(a -> assertThat(a).contains("\"error\"", "-32603",
        "Task Orchestrator cannot start: " + line, "Fix it and restart the server"));
    assertThat(answers.get(1)).contains("\"id\":2");
    assertThat(answers.get(2)).contains("\"id\":\"c\"");
  }

  @Test
  void anUnknownTaskOrchestratorVariableStopsTheStartWithStatus2() {
    env.put("TASK_ORCHESTRATOR_LOGING_LEVEL", "debug");
    assertThat(run("doctor", "--data-dir", tmp.resolve("d").toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("task-orchestrator: configuration: environment variable TASK_ORCHESTRATOR_LOGING_LEVEL "
        + "is not a setting; did you mean TASK_ORCHESTRATOR_LOGGING_LEVEL? (a key a.b-c is set by "
        + "TASK_ORCHESTRATOR_A_B_C; unset the variable or fix its name)" + System.lineSeparator());
  }

  @Test
  void theDemoTakesItsOwnOptionsOnly() {
    assertThat(run("demo", "--base-url", "http://127.0.0.1:11434/v1")).isEqualTo(2);
    assertThat(err()).isEqualTo("task-orchestrator: demo: --base-url and --model go together (an OpenAI-compatible "
        + "server and one of its models)" + System.lineSeparator());
    err.reset();
    assertThat(run("demo", "--config", "x.yaml")).isEqualTo(2);
    assertThat(err()).startsWith("task-orchestrator: unknown option '--config' for demo");
    out.reset();
    assertThat(run("demo", "--help")).isZero();
    assertThat(out()).contains("scripted stand-in on 127.0.0.1", "--base-url URL");
  }

  @Test
  void helpAndVersionExitWith0() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: task-orchestrator <command>", "serve", "doctor");
    out.reset();
    assertThat(run("serve", "--help")).isZero();
    assertThat(out()).contains("--token-env NAME");
    out.reset();
    assertThat(run("version")).isZero();
    assertThat(out()).startsWith("task-orchestrator ");
  }

  @Test
  void doctorOnAFreshDataDirPrintsOkLinesAndExits0() {
    assertThat(run("doctor", "--data-dir", tmp.resolve("fresh").toString())).isZero();
    assertThat(out()).contains("  ok    configuration: defaults", "  ok    data directory: ",
        "  ok    database: ", "All checks passed.").doesNotContain("FAIL");
    assertThat(Files.exists(tmp.resolve("fresh").resolve("task-orchestrator.db"))).isTrue();
  }

  @Test
  void doctorOnADataDirThatIsAFileSaysFailAndExits1() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    assertThat(run("doctor", "--data-dir", file.toString())).isEqualTo(1);
    assertThat(out()).contains("  FAIL  data directory: " + file + " is not writable",
        "choose another with --data-dir", "1 problem(s) found");
  }

  @Test
  void doctorReportsAMissingTokenVariable() {
    assertThat(run("doctor", "--data-dir", tmp.resolve("d").toString())).isZero();
    out.reset();
    env.put("TASK_ORCHESTRATOR_SERVER_TOKEN_ENV", "ORCH_TOKEN");
    assertThat(run("doctor", "--data-dir", tmp.resolve("d").toString())).isEqualTo(1);
    assertThat(out()).contains("  FAIL  server.token-env: ORCH_TOKEN is not set");
    out.reset();
    env.put("ORCH_TOKEN", "secret-value");
    assertThat(run("doctor", "--data-dir", tmp.resolve("d").toString())).isZero();
    assertThat(out()).contains("ORCH_TOKEN is set (value not shown)").doesNotContain("secret-value");
  }

  @Test
  void storageRefusesADatabaseWrittenByANewerVersionWithAClearMessage() throws Exception {
    // Storage.schemas() is still empty in this build, so the refusal is shown with a probe module.
    Schema probe = Schema.of("probe", Migration.fromResource(MainTest.class, 1, "probe",
        "/dev/taskorchestrator/server/V1__probe.sql"));
    Path db = tmp.resolve("probe.db");
    Database.open(db, List.of(probe)).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().executeUpdate("UPDATE schema_versions SET version = 999999 WHERE module = 'probe'");
    }
    assertThatThrownBy(() -> Database.open(db, List.of(probe)))
        .isInstanceOf(StorageException.class)
        .hasMessage("database " + db + " was written by a newer Task Orchestrator (probe schema version 999999, "
            + "this build knows up to 1); run that newer version, or use another --data-dir");
  }

  @Test
  void doctorRefusesADatabaseWrittenByANewerVersion() throws Exception {
    List<Schema> schemas = Storage.schemas();
    assumeFalse(schemas.isEmpty(), "no module schema in this build yet (Storage.schemas() is empty)");
    Path dir = tmp.resolve("newer");
    assertThat(run("doctor", "--data-dir", dir.toString())).isZero();
    String module = schemas.get(0).module();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("task-orchestrator.db"))) {
      c.createStatement().executeUpdate("UPDATE schema_versions SET version = 999999 WHERE module = '"
          + module + "'");
    }
    out.reset();
    assertThat(run("doctor", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(out()).contains("  FAIL  database: ", "was written by a newer Task Orchestrator");
    err.reset();
    assertThat(run("serve", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(err()).startsWith("task-orchestrator: database ").contains("newer Task Orchestrator");
  }
}
