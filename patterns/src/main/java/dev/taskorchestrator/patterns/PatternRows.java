package dev.taskorchestrator.patterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of the {@code patterns} table: reading rows into {@link Pattern}s and writing them. */
final class PatternRows {

  /** Columns every select reads, in {@link #map} order, from table alias {@code p}. */
  static final String COLUMNS = "p.id, p.fingerprint, p.target, p.error_class, p.message, p.example, "
      + "p.occurrences, p.first_seen, p.last_seen, p.action, p.advice, p.action_from, p.action_to, "
      + "p.confidence, p.times_applied, p.successes_after, p.failures_after, p.provenance, "
      + "p.visibility, p.enabled";

  static final String INSERT = "INSERT INTO patterns(id, fingerprint, target, error_class, message, "
      + "example, occurrences, first_seen, last_seen, action, advice, action_from, action_to, "
      + "confidence, decay_key, provenance, visibility, enabled, target_token, scoped_terms) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";

  private PatternRows() {}

  static Pattern map(ResultSet rs, long nowMillis, Duration halfLife) throws SQLException {
    long lastSeen = rs.getLong(9);
    double confidence = rs.getDouble(14);
    CorrectiveAction action = CorrectiveAction.of(rs.getString(10), rs.getString(11), rs.getString(12),
        rs.getString(13));
    return new Pattern(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getLong(7), Instant.ofEpochMilli(rs.getLong(8)),
        Instant.ofEpochMilli(lastSeen), action, confidence,
        Confidence.effective(confidence, lastSeen, nowMillis, halfLife), rs.getLong(15), rs.getLong(16),
        rs.getLong(17), rs.getString(18), Visibility.fromWireName(rs.getString(19)), rs.getInt(20) != 0);
  }

  static List<Pattern> list(PreparedStatement ps, long nowMillis, Duration halfLife) throws SQLException {
    List<Pattern> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs, nowMillis, halfLife));
      }
    }
    return out;
  }

  static Optional<Pattern> byColumn(Connection c, String column, String value, long nowMillis,
      Duration halfLife) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM patterns p WHERE p." + column + " = ?")) {
      ps.setString(1, value);
      return list(ps, nowMillis, halfLife).stream().findFirst();
    }
  }

  /** Binds a new row for {@link #INSERT} (call {@code executeUpdate} or {@code addBatch} after). */
  static void bindInsert(PreparedStatement ps, FailureSignature sig, String example, long occurrences,
      long firstSeen, long lastSeen, CorrectiveAction action, double confidence, Duration halfLife,
      String provenance, Visibility visibility) throws SQLException {
    ps.setString(1, sig.patternId());
    ps.setString(2, sig.fingerprint());
    ps.setString(3, sig.target());
    ps.setString(4, sig.errorClass());
    ps.setString(5, sig.normalisedMessage());
    ps.setString(6, example);
    ps.setLong(7, occurrences);
    ps.setLong(8, firstSeen);
    ps.setLong(9, lastSeen);
    bindAction(ps, 10, action);
    ps.setDouble(14, confidence);
    ps.setDouble(15, Confidence.decayKey(confidence, lastSeen, halfLife));
    ps.setString(16, provenance);
    ps.setString(17, visibility.wireName());
    ps.setString(18, targetToken(sig.target()));
    ps.setString(19, Target.kindOf(sig.target()) == Target.Kind.ARCHETYPE
        ? String.join(" ", scoped(sig.target(), TextTerms.of(sig.normalisedMessage()))) : "");
  }

  /** Each word prefixed by the target's token: {@code tg0123456789abcdefjson}. */
  static Set<String> scoped(String target, Set<String> words) {
    String token = targetToken(target);
    Set<String> out = new LinkedHashSet<>();
    words.forEach(w -> out.add(token + w));
    return out;
  }

  /** {@code tg} + 16 hex digits of SHA-256(target): one FTS token per target. */
  static String targetToken(String target) {
    return "tg" + FailureSignature.fingerprint(target, "target", "").substring(0, 16);
  }

  /** Binds action, advice, action_from, action_to at {@code first}..{@code first + 3}. */
  static void bindAction(PreparedStatement ps, int first, CorrectiveAction action) throws SQLException {
    ps.setString(first, action.kind());
    ps.setString(first + 1, action.advice());
    String from = action instanceof CorrectiveAction.SubstituteTool s ? s.from() : null;
    String to = switch (action) {
      case CorrectiveAction.SubstituteTool s -> s.to();
      case CorrectiveAction.AvoidProvider a -> a.provider();
      default -> null;
    };
    setNullable(ps, first + 2, from);
    setNullable(ps, first + 3, to);
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
