package dev.taskorchestrator.patterns;

import dev.taskorchestrator.redaction.Redactor;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Migration;
import dev.taskorchestrator.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pattern store on the shared SQLite database: a {@code patterns} table with an FTS5 index over
 * message, target and advice (external content, kept in sync by triggers). Confidence decay is
 * computed with the injected clock.
 */
public final class SqlitePatternStore implements PatternStore {

  static final int MAX_EXAMPLE_CHARS = 1_000;

  private final Database db;
  private final Clock clock;
  private final PatternSettings settings;
  private final Redactor redactor;
  private final PatternQueries queries;

  /** A store that redacts the common secret shapes and the settings' regexes. */
  public SqlitePatternStore(Database db, Clock clock, PatternSettings settings) {
    this(db, clock, settings, Redactor.ofDefaults());
  }

  /** A store that redacts with {@code redactor} (the server's, knowing its secrets) plus the settings' regexes. */
  public SqlitePatternStore(Database db, Clock clock, PatternSettings settings, Redactor redactor) {
    this.db = Objects.requireNonNull(db, "db is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.redactor = redactor.with(java.util.List.of(), settings.secretRegexes());
    this.queries = new PatternQueries(settings.halfLife());
    db.write(c -> {
      HalfLifeMeta.reconcile(c, settings.halfLife());
      return null;
    });
  }

  /** The tables this store needs; pass it to {@link Database#open}. */
  public static Schema schema() {
    return Schema.of("patterns", Migration.fromResource(SqlitePatternStore.class, 1,
        "patterns with an FTS5 index", "/dev/taskorchestrator/patterns/V1__patterns.sql"));
  }

  public PatternSettings settings() {
    return settings;
  }

  @Override
  public Redactor redactor() {
    return redactor;
  }

  @Override
  public Pattern recordFailure(FailureSignature signature, String rawMessage) {
    Objects.requireNonNull(signature, "signature is null");
    Objects.requireNonNull(rawMessage, "rawMessage is null");
    FailureSignature sig = redacted(signature);
    String example = Texts.truncate(redactor.redact(rawMessage), MAX_EXAMPLE_CHARS);
    return db.write(c -> {
      long now = clock.millis();
      Optional<Pattern> existing = queries.byFingerprint(c, sig.fingerprint(), now);
      if (existing.isPresent()) {
        queries.recur(c, existing.get(), example, now);
      } else {
        queries.insert(c, sig, example, new CorrectiveAction.Instruction(
            DefaultAdvice.of(sig.target(), sig.errorClass())), Confidence.NEW_FAILURE, now, Visibility.PRIVATE);
      }
      return queries.byFingerprint(c, sig.fingerprint(), now).orElseThrow();
    });
  }

  @Override
  public Pattern learnSubstitution(FailureSignature failed, String substituteTool) {
    Objects.requireNonNull(failed, "failed is null");
    if (Target.kindOf(failed.target()) != Target.Kind.TOOL) {
      throw new IllegalArgumentException("substitutions are learned for tool failures, got: " + failed.target());
    }
    var action = new CorrectiveAction.SubstituteTool(Target.nameOf(failed.target()), substituteTool);
    FailureSignature sig = redacted(failed);
    return db.write(c -> {
      long now = clock.millis();
      Optional<Pattern> existing = queries.byFingerprint(c, sig.fingerprint(), now);
      if (existing.isEmpty()) {
        queries.insert(c, sig, "", action, Confidence.LEARNED_SUBSTITUTION, now, Visibility.PRIVATE);
      } else if (existing.get().action().equals(action)) {
        queries.setConfidence(c, existing.get(), Confidence.reinforce(existing.get().confidence()));
      } else if (existing.get().action() instanceof CorrectiveAction.Instruction) {
        // A learned substitution replaces generic advice, never a block or provider choice someone set.
        queries.setAction(c, existing.get().id(), action);
        queries.setConfidence(c, existing.get(),
            Math.max(existing.get().confidence(), Confidence.LEARNED_SUBSTITUTION));
      }
      return queries.byFingerprint(c, sig.fingerprint(), now).orElseThrow();
    });
  }

  @Override
  public void recordOutcome(List<String> patternIds, boolean success) {
    Objects.requireNonNull(patternIds, "patternIds is null");
    if (patternIds.isEmpty()) {
      return;
    }
    db.write(c -> {
      long now = clock.millis();
      for (String id : new LinkedHashSet<>(patternIds)) {
        Optional<Pattern> p = queries.byId(c, id, now);
        if (p.isPresent()) {
          queries.outcome(c, p.get(), success);
        }
      }
      return null;
    });
  }

  @Override
  public Pattern record(PatternDraft draft) {
    Objects.requireNonNull(draft, "draft is null");
    FailureSignature sig = FailureSignature.of(draft.target(), draft.errorClass(), draft.errorText(), redactor);
    String example = Texts.truncate(redactor.redact(draft.errorText()), MAX_EXAMPLE_CHARS);
    CorrectiveAction action = redacted(draft.action());
    return db.write(c -> {
      long now = clock.millis();
      Optional<Pattern> existing = queries.byFingerprint(c, sig.fingerprint(), now);
      if (existing.isPresent()) {
        queries.teach(c, existing.get(), action, draft.confidence(), draft.visibility(), now);
      } else {
        queries.insert(c, sig, example, action, draft.confidence(), now, draft.visibility());
      }
      return queries.byFingerprint(c, sig.fingerprint(), now).orElseThrow();
    });
  }

  @Override
  public Optional<Pattern> update(String id, PatternUpdate update) {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(update, "update is null");
    return db.write(c -> {
      long now = clock.millis();
      Optional<Pattern> existing = queries.byId(c, id, now);
      if (existing.isEmpty()) {
        return Optional.<Pattern>empty();
      }
      Optional<CorrectiveAction> action = update.action().map(this::redacted)
          .or(() -> update.advice().map(text -> redacted(withAdvice(existing.get(), text))));
      if (action.isPresent()) {
        queries.setAction(c, id, action.get());
      }
      if (update.enabled().isPresent() || update.visibility().isPresent()) {
        queries.setFlags(c, id, update.enabled().orElse(existing.get().enabled()),
            update.visibility().orElse(existing.get().visibility()));
      }
      return queries.byId(c, id, now);
    });
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id is null");
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM patterns WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Pattern> find(String id) {
    Objects.requireNonNull(id, "id is null");
    return db.read(c -> queries.byId(c, id, clock.millis()));
  }

  @Override
  public List<Pattern> query(PatternQuery query) {
    Objects.requireNonNull(query, "query is null");
    return db.read(c -> queries.search(c, query, clock.millis()));
  }

  @Override
  public long count() {
    return db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM patterns")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public PreSpawnDecision check(SpawnProfile context) {
    Objects.requireNonNull(context, "context is null");
    return db.read(c -> new PreSpawnCheck(c, settings, clock.millis(), context).run());
  }

  /**
   * Merges the full-text index into one segment and refreshes planner statistics. Worth running after
   * a bulk import (a federation pull); routine writes keep the index in shape by themselves.
   */
  public void optimize() {
    db.write(c -> {
      try (var s = c.createStatement()) {
        s.execute("INSERT INTO patterns_fts(patterns_fts) VALUES ('optimize')");
        s.execute("PRAGMA optimize");
      }
      return null;
    });
  }

  private FailureSignature redacted(FailureSignature sig) {
    return new FailureSignature(sig.target(), sig.errorClass(), redactor.redact(sig.normalisedMessage()),
        sig.fingerprint());
  }

  private CorrectiveAction redacted(CorrectiveAction action) {
    return switch (action) {
      case CorrectiveAction.Instruction i -> new CorrectiveAction.Instruction(redactor.redact(i.text()));
      case CorrectiveAction.Block b -> new CorrectiveAction.Block(redactor.redact(b.reason()));
      default -> action;
    };
  }

  private static CorrectiveAction withAdvice(Pattern p, String text) {
    return switch (p.action()) {
      case CorrectiveAction.Instruction i -> new CorrectiveAction.Instruction(text);
      case CorrectiveAction.Block b -> new CorrectiveAction.Block(text);
      default -> throw new IllegalArgumentException("pattern " + p.id() + " has action "
          + p.action().kind() + ", whose advice is derived; set a new action instead");
    };
  }

  static void requireUpdated(int rows, String id) throws SQLException {
    if (rows != 1) {
      throw new SQLException("pattern " + id + " vanished during the update");
    }
  }
}
