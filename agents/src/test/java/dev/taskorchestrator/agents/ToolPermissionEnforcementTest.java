package dev.taskorchestrator.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer.Call;
import dev.taskorchestrator.agents.testing.TestToolServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Permissions are enforced at call time against a real downstream server, not only in the tool list. */
class ToolPermissionEnforcementTest {

  @TempDir static Path dir;
  static LoopHarness harness;
  final FakeOpenAiServer fake = FakeOpenAiServer.start();

  @BeforeAll
  static void startToolServer() {
    harness = new LoopHarness(dir);
  }

  @AfterAll
  static void stopToolServer() {
    harness.close();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void readOnlyArchetypesAreNotOfferedTheDestructiveTool() {
    for (String name : List.of("researcher", "architect", "qc")) {
      assertThat(harness.tools(LoopHarness.builtIn(name)).offeredNames())
          .as(name).contains("notes.read_note", "notes.slow").doesNotContain("notes.delete_note");
    }
    fake.enqueue(FakeOpenAiServer.text("done", 1, 1, 0));
    harness.run(LoopHarness.builtIn("researcher"), fake);
    assertThat(offeredOnTheWire(fake.lastRequest().json())).contains("notes__read_note")
        .doesNotContain("notes__delete_note");
  }

  @Test
  void readOnlyArchetypeCallingTheDestructiveToolAnywayIsRefusedAndTheServerNeverSeesIt() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("d", "notes__delete_note", "{\"name\":\"shopping\"}")),
        FakeOpenAiServer.text("I could not delete it.", 5, 5, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.toolCalls()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("notes.delete_note");
      assertThat(c.ok()).isFalse();
      assertThat(c.error()).startsWith("refused:").contains("read-only");
    });
    assertThat(fake.lastRequest().body()).contains("refused:");
    assertThat(TestToolServer.calls(harness.callLog)).doesNotContain("delete_note");
  }

  @Test
  void builderMayUseTheDestructiveTool() throws Exception {
    assertThat(harness.tools(LoopHarness.builtIn("builder")).offeredNames()).contains("notes.delete_note");
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("d", "notes__delete_note", "{\"name\":\"old\"}")),
        FakeOpenAiServer.text("Deleted.", 5, 5, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("builder"), fake);

    assertThat(o.toolCalls()).singleElement().satisfies(c -> assertThat(c.ok()).isTrue());
    assertThat(fake.lastRequest().body()).contains("deleted old");
    assertThat(TestToolServer.calls(harness.callLog)).contains("delete_note");
  }

  @Test
  void denyGlobsBeatAllowGlobs() {
    ToolPermissions p = new ToolPermissions(List.of("notes.*"), List.of("notes.delete_*", "*.cr?sh"), false);
    PermittedTools tools = new PermittedTools(harness.servers.tools(), p, Set.of(), harness.servers::call);

    assertThat(tools.offeredNames()).contains("notes.read_note", "notes.fail")
        .doesNotContain("notes.delete_note", "notes.crash");
    assertThat(p.refusal("notes.delete_note", false)).get().asString().contains("denied");
    assertThat(p.refusal("notes.read_note", true)).isEmpty();
    assertThat(p.refusal("other.read_note", true)).get().asString().contains("not in this agent's allowed");
  }

  @Test
  void deniedToolCalledAnywayIsRefusedAtCallTime() throws Exception {
    ToolPermissions p = new ToolPermissions(List.of("*"), List.of("notes.delete_note"), false);
    PermittedTools tools = new PermittedTools(harness.servers.tools(), p, Set.of(), harness.servers::call);

    ToolResult r = tools.call("notes.delete_note", java.util.Map.of("name", "x"));

    assertThat(r.error()).isTrue();
    assertThat(r.text()).startsWith("refused:").contains("denied");
    assertThat(tools.call("notes.nope", java.util.Map.of()).text()).contains("no tool named notes.nope");
  }

  @Test
  void hiddenToolIsNeitherOfferedNorCallable() throws Exception {
    PermittedTools tools = new PermittedTools(harness.servers.tools(), ToolPermissions.all(false),
        Set.of("notes.slow"), harness.servers::call);

    assertThat(tools.offeredNames()).doesNotContain("notes.slow");
    assertThat(tools.call("notes.slow", java.util.Map.of("ms", 1)).text()).contains("withheld");
  }

  private static List<String> offeredOnTheWire(JsonNode body) {
    return StreamSupport.stream(body.path("tools").spliterator(), false)
        .map(t -> t.path("function").path("name").asString()).toList();
  }
}
