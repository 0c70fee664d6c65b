package dev.taskorchestrator.patterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** The statements {@link SqlitePatternStore} runs inside its transactions. */
final class PatternQueries {

  private final Duration halfLife;

  PatternQueries(Duration halfLife) {
    this.halfLife = halfLife;
  }

  Optional<Pattern> byFingerprint(Connection c, String fingerprint, long now) throws SQLException {
    return PatternRows.byColumn(c, "fingerprint", fingerprint, now, halfLife);
  }

  Optional<Pattern> byId(Connection c, String id, long now) throws SQLException {
    return PatternRows.byColumn(c, "id", id, now, halfLife);
  }

  void insert(Connection c, FailureSignature sig, String example, CorrectiveAction action,
      double confidence, long now, Visibility visibility) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PatternRows.INSERT)) {
      PatternRows.bindInsert(ps, sig, example, 1, now, now, action, confidence, halfLife,
          Provenance.LOCAL, visibility);
      ps.executeUpdate();
    }
  }

  /** One more occurrence: the failure is more certain and fresh again. */
  void recur(Connection c, Pattern p, String example, long now) throws SQLException {
    long lastSeen = Math.max(now, p.lastSeen().toEpochMilli());
    double confidence = Confidence.reinforce(p.confidence());
    try (PreparedStatement ps = c.prepareStatement("UPDATE patterns SET occurrences = occurrences + 1, "
        + "last_seen = ?, example = ?, confidence = ?, decay_key = ? WHERE id = ?")) {
      ps.setLong(1, lastSeen);
      ps.setString(2, example);
      ps.setDouble(3, confidence);
      ps.setDouble(4, Confidence.decayKey(confidence, lastSeen, halfLife));
      ps.setString(5, p.id());
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), p.id());
    }
  }

  /** A taught pattern: the teacher's action and confidence, seen now, enabled. */
  void teach(Connection c, Pattern p, CorrectiveAction action, double confidence, Visibility visibility,
      long now) throws SQLException {
    setAction(c, p.id(), action);
    try (PreparedStatement ps = c.prepareStatement("UPDATE patterns SET occurrences = occurrences + 1, "
        + "last_seen = ?, confidence = ?, decay_key = ?, visibility = ?, enabled = 1 WHERE id = ?")) {
      ps.setLong(1, now);
      ps.setDouble(2, confidence);
      ps.setDouble(3, Confidence.decayKey(confidence, now, halfLife));
      ps.setString(4, visibility.wireName());
      ps.setString(5, p.id());
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), p.id());
    }
  }

  void outcome(Connection c, Pattern p, boolean success) throws SQLException {
    double confidence = success ? Confidence.reinforce(p.confidence()) : Confidence.weaken(p.confidence());
    String counter = success ? "successes_after" : "failures_after";
    try (PreparedStatement ps = c.prepareStatement("UPDATE patterns SET times_applied = times_applied + 1, "
        + counter + " = " + counter + " + 1, confidence = ?, decay_key = ? WHERE id = ?")) {
      ps.setDouble(1, confidence);
      ps.setDouble(2, Confidence.decayKey(confidence, p.lastSeen().toEpochMilli(), halfLife));
      ps.setString(3, p.id());
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), p.id());
    }
  }

  void setConfidence(Connection c, Pattern p, double confidence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE patterns SET confidence = ?, decay_key = ? WHERE id = ?")) {
      ps.setDouble(1, confidence);
      ps.setDouble(2, Confidence.decayKey(confidence, p.lastSeen().toEpochMilli(), halfLife));
      ps.setString(3, p.id());
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), p.id());
    }
  }

  void setAction(Connection c, String id, CorrectiveAction action) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE patterns SET action = ?, advice = ?, action_from = ?, action_to = ? WHERE id = ?")) {
      PatternRows.bindAction(ps, 1, action);
      ps.setString(5, id);
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), id);
    }
  }

  void setFlags(Connection c, String id, boolean enabled, Visibility visibility) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE patterns SET enabled = ?, visibility = ? WHERE id = ?")) {
      ps.setInt(1, enabled ? 1 : 0);
      ps.setString(2, visibility.wireName());
      ps.setString(3, id);
      SqlitePatternStore.requireUpdated(ps.executeUpdate(), id);
    }
  }

  /** query_patterns: bm25-ranked when there is text, else by decayed confidence. */
  List<Pattern> search(Connection c, PatternQuery q, long now) throws SQLException {
    if (q.text().isEmpty()) {
      return run(c, q, now, "", -1);
    }
    String words = TextTerms.anyOf(TextTerms.words(q.text().get()));
    if (words.isEmpty()) {
      return List.of();
    }
    String match = "{message target advice} : (" + words + ")"
        + q.target().map(t -> " AND target_token : " + PatternRows.targetToken(t)).orElse("");
    // Rank the text matches first and filter their rows after; widen only if filters ate too many.
    List<Pattern> out = List.of();
    for (int candidates : new int[] {Math.max(50, q.limit() * 4), q.limit() * 64, -1}) {
      out = run(c, q, now, match, candidates);
      if (out.size() >= q.limit()) {
        break;
      }
    }
    return out;
  }

  private List<Pattern> run(Connection c, PatternQuery q, long now, String match, int candidates)
      throws SQLException {
    StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
    List<Object> args = new ArrayList<>();
    if (!match.isEmpty()) {
      args.add(match);
      args.add(candidates);
    }
    q.target().ifPresent(t -> { where.add("p.target = ?"); args.add(t); });
    q.errorClass().ifPresent(e -> { where.add("p.error_class = ?"); args.add(e); });
    if (!q.includeDisabled()) {
      where.add("p.enabled = 1");
    }
    if (q.minConfidence() > 0) {
      where.add("p.decay_key >= ?");
      args.add(Confidence.keyBound(q.minConfidence(), now, halfLife));
    }
    String sql = match.isEmpty()
        ? "SELECT " + PatternRows.COLUMNS + " FROM patterns p" + where + " ORDER BY p.decay_key DESC LIMIT ?"
        : "SELECT " + PatternRows.COLUMNS + " FROM (SELECT rowid AS r, rank AS k FROM patterns_fts "
            + "WHERE patterns_fts MATCH ? ORDER BY rank LIMIT ?) f CROSS JOIN patterns p ON p.seq = f.r"
            + where + " ORDER BY f.k LIMIT ?";
    args.add(q.limit());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      return PatternRows.list(ps, now, halfLife);
    }
  }
}
