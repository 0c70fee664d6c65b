package dev.taskorchestrator.agents;

import dev.taskorchestrator.resilience.ErrorClass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.testing.FakeOpenAiServer;
import dev.taskorchestrator.agents.testing.FakeOpenAiServer.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The agent loop against a real HTTP fake of OpenAI and a real MCP tool server over stdio. */
class AgentLoopTest {

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
  void returnsTheModelsTextAnswerWithProviderModelAndUsage() {
    fake.enqueue(FakeOpenAiServer.text("The answer is 42.", 30, 7, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.output()).isEqualTo("The answer is 42.");
    assertThat(o.provider()).isEqualTo("fake");
    assertThat(o.model()).isEqualTo("gpt-fake-2026");
    assertThat(o.usage().inputTokens()).isEqualTo(30);
    assertThat(o.usage().outputTokens()).isEqualTo(7);
    assertThat(o.steps()).isEqualTo(1);
    assertThat(o.toolCalls()).isEmpty();
    JsonNode body = fake.lastRequest().json();
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asString()).contains("You are a researcher");
  }

  @Test
  void sendsTheToolResultBackToTheModelAndReturnsItsFinalAnswer() {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("c1", "notes__read_note", "{\"name\":\"shopping\"}")),
        FakeOpenAiServer.text("You must remember the milk.", 40, 6, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.output()).isEqualTo("You must remember the milk.");
    assertThat(o.steps()).isEqualTo(2);
    assertThat(o.toolCalls()).extracting(AgentOutcome.ToolCallRecord::name, AgentOutcome.ToolCallRecord::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("notes.read_note", true));
    assertThat(o.usage().inputTokens()).isEqualTo(20 + 40);
    JsonNode messages = fake.requests().get(1).json().path("messages");
    JsonNode toolMessage = messages.get(messages.size() - 1);
    assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
    assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c1");
    assertThat(toolMessage.path("content").asString()).contains("note shopping: remember the milk");
  }

  @Test
  void runsTheToolCallsOfOneTurnConcurrently() {
    // "meet" answers only once both calls are in flight together: sequential calls would each wait alone and fail.
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("a", "notes__meet", "{}"), new Call("b", "notes__meet", "{}")),
        FakeOpenAiServer.text("both done", 10, 2, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.toolCalls()).hasSize(2).allSatisfy(c -> assertThat(c.ok()).as(c.error()).isTrue());
    JsonNode messages = fake.requests().get(1).json().path("messages");
    assertThat(messages.get(messages.size() - 2).path("tool_call_id").asString()).isEqualTo("a");
    assertThat(messages.get(messages.size() - 1).path("tool_call_id").asString()).isEqualTo("b");
  }

  @Test
  void reportsToolErrorsToTheModelAndRecordsThemAsFailedCalls() {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("f", "notes__fail", "{}"), new Call("c", "notes__crash", "{}")),
        FakeOpenAiServer.text("the tools are broken", 10, 2, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.toolCalls()).hasSize(2).allSatisfy(c -> assertThat(c.ok()).isFalse());
    assertThat(o.toolCalls().get(0).error()).contains("disk on fire");
    assertThat(o.toolCalls().get(1).error()).isNotBlank().doesNotContain("terminated");
    String sentBack = fake.requests().get(1).body();
    assertThat(sentBack).contains("disk on fire");
  }

  @Test
  void aToolThatThrowsDoesNotBreakTheCallsStillInFlight() {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("s", "notes__slow", "{\"ms\":200}"),
            new Call("c", "notes__crash", "{}")),
        FakeOpenAiServer.text("one worked", 10, 2, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.toolCalls()).extracting(AgentOutcome.ToolCallRecord::name, AgentOutcome.ToolCallRecord::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("notes.slow", true),
            org.assertj.core.groups.Tuple.tuple("notes.crash", false));
    assertThat(fake.requests().get(1).body()).contains("slept 200 ms");
  }

  @Test
  void stopsAtTheStepLimitWithoutAFinalAnswer() {
    Archetype twoSteps = new Archetype("looper", "loops", "Call tools.", null, 256, null, List.of(), null,
        ToolPermissions.all(true), 2);
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("1", "notes__read_note", "{\"name\":\"a\"}")),
        FakeOpenAiServer.toolCalls(new Call("2", "notes__read_note", "{\"name\":\"b\"}")),
        FakeOpenAiServer.text("never reached", 1, 1, 0));

    AgentOutcome o = harness.run(twoSteps, fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.MAX_STEPS);
    assertThat(o.steps()).isEqualTo(2);
    assertThat(o.stopReason()).contains("2 model calls");
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void qcAnswerThatSatisfiesItsSchemaBecomesStructuredOutput() {
    fake.enqueue(FakeOpenAiServer.text("""
        {"verdict":"revise","score":0.4,"issues":[{"severity":"major","description":"no tests","location":""}]}""",
        50, 20, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("qc"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(o.structuredOutput()).isInstanceOf(Map.class);
    Map<?, ?> verdict = (Map<?, ?>) o.structuredOutput();
    assertThat(verdict.get("verdict")).isEqualTo("revise");
    assertThat(verdict.get("issues")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1);
    JsonNode format = fake.lastRequest().json().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
  }

  @Test
  void qcAnswerThatFailsItsSchemaIsRetriedOnceWithTheProblem() {
    fake.enqueue(FakeOpenAiServer.text("{\"verdict\":\"maybe\",\"score\":2,\"issues\":[]}", 5, 5, 0),
        FakeOpenAiServer.text("{\"verdict\":\"approve\",\"score\":0.9,\"issues\":[]}", 5, 5, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("qc"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.COMPLETED);
    assertThat(((Map<?, ?>) o.structuredOutput()).get("verdict")).isEqualTo("approve");
    JsonNode messages = fake.requests().get(1).json().path("messages");
    assertThat(messages.get(messages.size() - 1).path("content").asString())
        .contains("does not satisfy the required JSON schema");
  }

  @Test
  void qcAnswerThatFailsItsSchemaTwiceFailsAsContent() {
    fake.enqueue(FakeOpenAiServer.text("looks fine to me", 5, 5, 0),
        FakeOpenAiServer.text("{\"verdict\":\"approve\"}", 5, 5, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("qc"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.FAILED);
    assertThat(o.errorClass()).isEqualTo(ErrorClass.CONTENT);
    assertThat(o.stopReason()).contains("output schema");
    assertThat(o.structuredOutput()).isNull();
    assertThat(fake.requests()).hasSize(2);
  }

  @Test
  void cancellationStopsTheRunAtTheNextStep() {
    fake.enqueue(FakeOpenAiServer.toolCalls(new Call("1", "notes__read_note", "{\"name\":\"a\"}")),
        FakeOpenAiServer.text("never reached", 1, 1, 0));
    AtomicBoolean cancelled = new AtomicBoolean();
    ModelProvider provider = LoopHarness.provider(fake);
    ModelGateway cancelAfterFirstCall = request -> {
      ModelResponse r = provider.call(request);
      cancelled.set(true);
      return r;
    };

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), cancelAfterFirstCall, cancelled::get);

    assertThat(o.status()).isEqualTo(AgentOutcome.CANCELLED);
    assertThat(o.steps()).isEqualTo(1);
    assertThat(o.toolCalls()).hasSize(1);
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void emptyFinalAnswerFailsAsContent() {
    fake.enqueue(FakeOpenAiServer.text("   ", 5, 0, 0));

    AgentOutcome o = harness.run(LoopHarness.builtIn("researcher"), fake);

    assertThat(o.status()).isEqualTo(AgentOutcome.FAILED);
    assertThat(o.errorClass()).isEqualTo(ErrorClass.CONTENT);
  }
}
