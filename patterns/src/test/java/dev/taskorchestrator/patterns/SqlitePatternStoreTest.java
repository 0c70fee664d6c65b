package dev.taskorchestrator.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePatternStoreTest {

  private static final String WEB = Target.tool("search", "web");

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atDefault();
  private Database db;

  private SqlitePatternStore open(PatternSettings settings) {
    db = Database.open(dir.resolve("t.db"), List.of(SqlitePatternStore.schema()));
    return new SqlitePatternStore(db, clock, settings);
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void sameFailureTwiceIsOnePatternWithTwoOccurrences() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern first = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out after 30 s (req 123)"),
        "timed out after 30 s (req 123)");
    clock.advance(Duration.ofMinutes(5));
    Pattern second = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out after 31 s (req 9)"),
        "timed out after 31 s (req 9)");
    assertThat(store.count()).isEqualTo(1);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.occurrences()).isEqualTo(2);
    assertThat(second.firstSeen()).isEqualTo(first.firstSeen());
    assertThat(second.lastSeen()).isEqualTo(first.lastSeen().plus(Duration.ofMinutes(5)));
    assertThat(second.confidence()).isGreaterThan(first.confidence());
    assertThat(second.example()).isEqualTo("timed out after 31 s (req 9)");
    assertThat(second.action()).isEqualTo(new CorrectiveAction.Instruction(
        "tool search.web timed out recently; prefer alternatives or smaller requests"));
    assertThat(second.provenance()).isEqualTo("local");
    assertThat(second.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(second.enabled()).isTrue();
  }

  @Test
  void secretsAreRedactedBeforeAnythingIsStored() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults().withSecretRegexes(List.of("ACME-[0-9]{6}")));
    String raw = "401 for key sk-proj-AAAAbbbbCCCCdddd1234 user ACME-123456 (Bearer abcdefgh12345678)";
    Pattern p = store.recordFailure(FailureSignature.of(Target.provider("openai", "gpt-4o"),
        ErrorClasses.AUTH, raw), raw);
    assertThat(p.example()).doesNotContain("AAAAbbbb", "ACME-123456", "abcdefgh12345678");
    assertThat(p.message()).doesNotContain("AAAAbbbb", "ACME", "abcdefgh12345678");
    String everything = db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT group_concat(message || example || advice) FROM patterns")) {
        return rs.next() ? rs.getString(1) : "";
      }
    });
    assertThat(everything).doesNotContain("AAAAbbbb", "ACME-123456", "abcdefgh12345678");
  }

  @Test
  void patternsSurviveReopeningTheDatabase() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern p = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out"), "timed out");
    store.record(PatternDraft.of(Target.archetype("builder"), "gradle build runs out of memory compiling kotlin",
        new CorrectiveAction.Instruction("set org.gradle.jvmargs=-Xmx2g before building")));
    db.close();
    db = Database.open(dir.resolve("t.db"), List.of(SqlitePatternStore.schema()));
    SqlitePatternStore reopened = new SqlitePatternStore(db, clock, PatternSettings.ofDefaults());
    assertThat(reopened.count()).isEqualTo(2);
    assertThat(reopened.find(p.id())).contains(p);
    assertThat(reopened.query(PatternQuery.text("kotlin memory"))).extracting(Pattern::target)
        .containsExactly("archetype:builder");
  }

  @Test
  void queryFiltersByTextTargetClassConfidenceAndEnabled() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern web = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "upstream timed out"), "x");
    Pattern files = store.recordFailure(store.signature(Target.tool("files", "read"), ErrorClasses.INVALID_REQUEST,
        "no such file"), "x");
    Pattern taught = store.record(new PatternDraft(Target.provider("openai", "gpt-4o"), ErrorClasses.RATE_LIMIT,
        "429 too many requests", new CorrectiveAction.Instruction("batch the calls"), 0.9, Visibility.SHARED));

    assertThat(store.query(PatternQuery.text("timed"))).extracting(Pattern::id).containsExactly(web.id());
    assertThat(store.query(PatternQuery.text("batch"))).extracting(Pattern::id).containsExactly(taught.id());
    assertThat(store.query(PatternQuery.text("files"))).extracting(Pattern::id).containsExactly(files.id());
    assertThat(store.query(PatternQuery.all())).extracting(Pattern::id).startsWith(taught.id()).hasSize(3);
    assertThat(store.query(PatternQuery.all().withTarget(WEB))).extracting(Pattern::id).containsExactly(web.id());
    assertThat(store.query(PatternQuery.all().withErrorClass(ErrorClasses.RATE_LIMIT))).hasSize(1);
    assertThat(store.query(PatternQuery.all().withMinConfidence(0.8))).extracting(Pattern::id)
        .containsExactly(taught.id());
    assertThat(store.query(PatternQuery.all().withLimit(1))).hasSize(1);
    assertThat(store.query(PatternQuery.text("\"); DROP TABLE patterns; --"))).isEmpty();

    store.update(web.id(), PatternUpdate.enabled(false));
    assertThat(store.query(PatternQuery.text("timed"))).isEmpty();
    assertThat(store.query(PatternQuery.text("timed").withIncludeDisabled(true))).extracting(Pattern::enabled)
        .containsExactly(false);
  }

  @Test
  void editingAdviceKeepsTheFullTextIndexInStepAndDeleteRemovesThePattern() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern p = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "upstream timed out"), "x");
    Pattern edited = store.update(p.id(), PatternUpdate.advice("use narrower queries")).orElseThrow();
    assertThat(edited.advice()).isEqualTo("use narrower queries");
    assertThat(store.query(PatternQuery.text("narrower"))).extracting(Pattern::id).containsExactly(p.id());
    assertThat(store.query(PatternQuery.text("prefer alternatives"))).isEmpty();

    Pattern swapped = store.update(p.id(), PatternUpdate.action(
        new CorrectiveAction.SubstituteTool("search.web", "search.cached"))).orElseThrow();
    assertThat(swapped.action()).isEqualTo(new CorrectiveAction.SubstituteTool("search.web", "search.cached"));
    assertThatThrownBy(() -> store.update(p.id(), PatternUpdate.advice("text")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("substitute_tool");

    assertThat(store.delete(p.id())).isTrue();
    assertThat(store.delete(p.id())).isFalse();
    assertThat(store.find(p.id())).isEmpty();
    assertThat(store.query(PatternQuery.text("search"))).isEmpty();
    assertThat(store.update("pat_missing", PatternUpdate.enabled(true))).isEmpty();
    // FTS5 compares its external-content index with the table and throws if they disagree.
    db.read(c -> c.createStatement().execute(
        "INSERT INTO patterns_fts(patterns_fts, rank) VALUES ('integrity-check', 1)"));
  }

  @Test
  void teachingAnExistingFailureReplacesItsAction() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern seen = store.recordFailure(store.signature(WEB, ErrorClasses.UNSPECIFIED, "quota exhausted for today"), "x");
    Pattern taught = store.record(PatternDraft.of(WEB, "quota exhausted for today",
        new CorrectiveAction.SubstituteTool("search.web", "search.cached")));
    assertThat(taught.id()).isEqualTo(seen.id());
    assertThat(taught.occurrences()).isEqualTo(2);
    assertThat(taught.confidence()).isEqualTo(PatternDraft.DEFAULT_CONFIDENCE);
    assertThat(taught.action()).isInstanceOf(CorrectiveAction.SubstituteTool.class);
  }

  @Test
  void outcomesMoveConfidenceAndCountApplications() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern p = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out"), "x");
    store.recordOutcome(List.of(p.id(), p.id()), true);
    Pattern up = store.find(p.id()).orElseThrow();
    assertThat(up.confidence()).isGreaterThan(p.confidence());
    store.recordOutcome(List.of(p.id(), "pat_unknown"), false);
    Pattern down = store.find(p.id()).orElseThrow();
    assertThat(down.confidence()).isLessThan(up.confidence());
    assertThat(down.timesApplied()).isEqualTo(2);
    assertThat(down.successesAfter()).isEqualTo(1);
    assertThat(down.failuresAfter()).isEqualTo(1);
  }

  @Test
  void confidenceDecaysWithTheHalfLifeOfTheInjectedClock() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern p = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out"), "x");
    assertThat(p.effectiveConfidence()).isEqualTo(0.5);
    clock.advance(Duration.ofHours(72));
    assertThat(store.find(p.id()).orElseThrow().effectiveConfidence()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(store.query(PatternQuery.all().withMinConfidence(0.3))).isEmpty();
    assertThat(store.query(PatternQuery.all().withMinConfidence(0.24))).hasSize(1);
    clock.advance(Duration.ofHours(72 * 2));
    assertThat(store.find(p.id()).orElseThrow().effectiveConfidence()).isCloseTo(0.0625, org.assertj.core.data.Offset.offset(1e-9));
    // A recurrence makes it fresh again.
    Pattern again = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out"), "x");
    assertThat(again.effectiveConfidence()).isEqualTo(again.confidence()).isGreaterThan(0.5);
  }

  @Test
  void changingTheHalfLifeRescalesStoredDecayKeys() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    Pattern p = store.recordFailure(store.signature(WEB, ErrorClasses.TIMEOUT, "timed out"), "x");
    clock.advance(Duration.ofHours(24));
    db.close();
    db = Database.open(dir.resolve("t.db"), List.of(SqlitePatternStore.schema()));
    SqlitePatternStore shorter = new SqlitePatternStore(db, clock,
        PatternSettings.ofDefaults().withHalfLife(Duration.ofHours(24)));
    assertThat(shorter.find(p.id()).orElseThrow().effectiveConfidence()).isEqualTo(0.25);
    assertThat(shorter.query(PatternQuery.all().withMinConfidence(0.26))).isEmpty();
    assertThat(shorter.query(PatternQuery.all().withMinConfidence(0.24))).hasSize(1);
  }

  @Test
  void learnedSubstitutionsNeedAToolFailure() {
    SqlitePatternStore store = open(PatternSettings.ofDefaults());
    FailureSignature provider = store.signature(Target.provider("openai", "gpt-4o"), ErrorClasses.SERVER, "500");
    assertThatThrownBy(() -> store.learnSubstitution(provider, "search.cached"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
