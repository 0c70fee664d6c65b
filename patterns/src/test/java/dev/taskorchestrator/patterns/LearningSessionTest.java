package dev.taskorchestrator.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.testing.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningSessionTest {

  private static final List<String> TOOLS = List.of("search.web", "search.cached", "files.write");

  @TempDir Path dir;
  private Database db;
  private SqlitePatternStore store;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("t.db"), List.of(SqlitePatternStore.schema()));
    store = new SqlitePatternStore(db, MutableClock.atDefault(), PatternSettings.ofDefaults());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void learnsTheToolThatReachedTheGoalAfterAnotherFailedAndOffersItWhenTheBreakerOpens() {
    LearningSession task = new LearningSession(store, List.of());
    Pattern failure = task.toolFailed("search.web", ErrorClasses.TIMEOUT, "timed out after 30000 ms");
    task.toolSucceeded("search.cached");
    task.toolSucceeded("files.write");
    List<Pattern> learned = task.finish(true);

    assertThat(learned).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(failure.id());
      assertThat(p.action()).isEqualTo(new CorrectiveAction.SubstituteTool("search.web", "search.cached"));
      assertThat(p.confidence()).isEqualTo(0.6);
    });
    SpawnProfile next = new SpawnProfile("researcher", List.of(), TOOLS, Set.of("search.web"), "look it up");
    PreSpawnDecision d = store.check(next);
    assertThat(d.hiddenTools()).containsExactly("search.web");
    assertThat(d.substitutes()).isEqualTo(Map.of("search.web", "search.cached"));

    LearningSession again = new LearningSession(store, d.appliedIds());
    again.toolFailed("search.web", ErrorClasses.TIMEOUT, "timed out after 12 ms");
    again.toolSucceeded("search.cached");
    assertThat(again.finish(true)).singleElement().satisfies(p -> assertThat(p.confidence()).isGreaterThan(0.6));
  }

  @Test
  void learnsNothingWhenTheFailedToolRecoveredOrTheGoalWasMissed() {
    LearningSession retried = new LearningSession(store, List.of());
    retried.toolFailed("search.web", ErrorClasses.TIMEOUT, "timed out");
    retried.toolSucceeded("files.write");
    retried.toolSucceeded("search.web");
    assertThat(retried.finish(true)).isEmpty();

    LearningSession missed = new LearningSession(store, List.of());
    missed.toolFailed("search.web", ErrorClasses.TIMEOUT, "timed out");
    missed.toolSucceeded("search.cached");
    assertThat(missed.finish(false)).isEmpty();
    assertThat(store.query(PatternQuery.all())).extracting(p -> p.action().kind()).containsExactly("instruction");
    assertThatThrownBy(() -> missed.finish(false)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailedSpawnAfterAdviceLowersTheAppliedPatternsConfidenceAndASuccessRaisesIt() {
    Pattern p = store.record(PatternDraft.of(Target.tool("search", "web"), "quota exhausted",
        new CorrectiveAction.Instruction("use fewer queries")));
    new LearningSession(store, List.of(p.id())).finish(false);
    double afterFailure = store.find(p.id()).orElseThrow().confidence();
    assertThat(afterFailure).isLessThan(p.confidence());
    new LearningSession(store, List.of(p.id())).finish(true);
    assertThat(store.find(p.id()).orElseThrow().confidence()).isGreaterThan(afterFailure);
  }

  @Test
  void aLearnedSubstitutionNeverOverridesATaughtBlock() {
    FailureSignature sig = store.signature(Target.tool("search", "web"), ErrorClasses.TIMEOUT, "timed out");
    store.record(new PatternDraft(sig.target(), sig.errorClass(), "timed out", new CorrectiveAction.Block("down"),
        0.8, Visibility.PRIVATE));
    assertThat(store.learnSubstitution(sig, "search.cached").action()).isEqualTo(new CorrectiveAction.Block("down"));
  }
}
