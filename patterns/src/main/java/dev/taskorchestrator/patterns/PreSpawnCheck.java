package dev.taskorchestrator.patterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pre-spawn check: collects the patterns relevant to a spawn and turns them into a decision.
 *
 * <p>Relevant means: targeted at a tool the agent may use or a provider in its chain (ranked by
 * decayed confidence), or targeted at its archetype <em>and</em> matching the task text well enough.
 * An archetype pattern never applies just because the archetype is the same.
 *
 * <p>Candidates are first read as light rows (no advice, no mapping); only the few applied patterns
 * are then loaded in full. All statements run on one read connection.
 */
final class PreSpawnCheck {

  private static final int TEXT_CANDIDATES = 200;
  private static final String LIGHT = "seq, target, decay_key, action, action_to";
  private static final String TOP_OF_TARGET = "SELECT " + LIGHT + " FROM patterns "
      + "WHERE target = ? AND enabled = 1 AND decay_key >= ? %s ORDER BY decay_key DESC LIMIT ?";
  /**
   * Text candidates of one archetype, newest first. No bm25 here: the decision uses the share of the
   * pattern's message words found in the task (bm25 is degenerate on small corpora and costly on
   * large ones); FTS5 only finds the candidates. The FTS part runs first, then the row lookups.
   */
  private static final String BY_TEXT = "SELECT p.seq, p.target, p.decay_key, p.action, p.action_to, p.message "
      + "FROM (SELECT rowid AS r FROM patterns_fts WHERE patterns_fts MATCH ? ORDER BY rowid DESC LIMIT "
      + TEXT_CANDIDATES + ") f CROSS JOIN patterns p ON p.seq = f.r "
      + "WHERE p.target = ? AND p.enabled = 1 AND p.decay_key >= ?";

  /** A candidate before it is loaded: enough to rank it and to check it is applicable. */
  private record Light(long seq, String target, double effective, String action, String actionTo,
      double relevance, String reason) {}

  private final Connection connection;
  private final PatternSettings settings;
  private final long now;
  private final double keyBound;
  private final SpawnProfile context;
  private final Set<String> permitted;

  PreSpawnCheck(Connection connection, PatternSettings settings, long nowMillis, SpawnProfile context) {
    this.connection = connection;
    this.settings = settings;
    this.now = nowMillis;
    this.keyBound = Confidence.keyBound(settings.minConfidence(), nowMillis, settings.halfLife());
    this.context = context;
    this.permitted = new LinkedHashSet<>(context.permittedTools());
  }

  PreSpawnDecision run() throws SQLException {
    Map<String, String> substitutes = new LinkedHashMap<>();
    List<Light> substitutions = substitutions(substitutes);
    Map<String, String> reasons = new LinkedHashMap<>();
    permitted.stream().filter(t -> !substitutes.containsKey(t))
        .forEach(t -> reasons.put(Target.tool(t), "tool " + t + " permitted"));
    context.providerTargets().forEach(p -> reasons.put(p, "provider in chain"));
    List<Light> ranked = new ArrayList<>(byTargets(reasons));
    ranked.addAll(byTaskText());
    Map<Long, Light> chosen = new LinkedHashMap<>();
    substitutions.forEach(l -> chosen.put(l.seq(), l));
    ranked.stream().sorted(Comparator.comparingDouble(Light::relevance).reversed())
        .filter(l -> !chosen.containsKey(l.seq()))
        .limit(settings.maxApplied())
        .forEach(l -> chosen.put(l.seq(), l));
    return Decisions.decide(load(chosen), settings, substitutes);
  }

  /** Hides each permitted tool whose breaker is open and which has a permitted, working substitute. */
  private List<Light> substitutions(Map<String, String> substitutes) throws SQLException {
    List<Light> out = new ArrayList<>();
    for (String tool : new TreeSet<>(context.openCircuitTools())) {
      if (!permitted.contains(tool)) {
        continue;
      }
      String sql = String.format(TOP_OF_TARGET, "AND action = 'substitute_tool'");
      for (Light l : lights(sql, Map.of(Target.tool(tool), "breaker open"), 20)) {
        if (permitted.contains(l.actionTo()) && !context.openCircuitTools().contains(l.actionTo())) {
          substitutes.put(tool, l.actionTo());
          out.add(new Light(l.seq(), l.target(), l.effective(), l.action(), l.actionTo(), l.relevance(),
              "breaker open; substitute " + l.actionTo() + " offered"));
          break;
        }
      }
    }
    return out;
  }

  /** The most confident patterns of each target: one prepared statement, run once per target. */
  private List<Light> byTargets(Map<String, String> reasons) throws SQLException {
    return lights(String.format(TOP_OF_TARGET, ""), reasons, settings.maxApplied() + 2).stream()
        .filter(this::applicable).toList();
  }

  private List<Light> lights(String sql, Map<String, String> reasons, int perTarget) throws SQLException {
    List<Light> out = new ArrayList<>();
    if (reasons.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setDouble(2, keyBound);
      ps.setInt(3, perTarget);
      for (Map.Entry<String, String> target : reasons.entrySet()) {
        ps.setString(1, target.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double effective = effective(rs.getDouble(3));
            out.add(new Light(rs.getLong(1), target.getKey(), effective, rs.getString(4), rs.getString(5),
                effective, target.getValue()));
          }
        }
      }
    }
    return out;
  }

  private List<Light> byTaskText() throws SQLException {
    Set<String> taskTerms = TextTerms.of(context.taskText());
    if (taskTerms.isEmpty()) {
      return List.of();
    }
    String target = Target.archetype(context.archetype());
    List<Light> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(BY_TEXT)) {
      ps.setString(1, "scoped_terms : (" + TextTerms.anyOf(PatternRows.scoped(target, taskTerms)) + ")");
      ps.setString(2, target);
      ps.setDouble(3, keyBound);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double score = TextTerms.coverage(TextTerms.of(rs.getString(6)), taskTerms);
          double effective = effective(rs.getDouble(3));
          Light l = new Light(rs.getLong(1), target, effective, rs.getString(4), rs.getString(5),
              effective * score, String.format(Locale.ROOT, "task text match %.2f", score));
          if (score > 0 && score >= settings.textMatchThreshold() && applicable(l)) {
            out.add(l);
          }
        }
      }
    }
    return out;
  }

  /** {@code 2^((decayKey − now) / halfLife)}: the decayed confidence, straight from the key. */
  private double effective(double decayKey) {
    return Math.min(1, Math.pow(2, (decayKey - now) / settings.halfLife().toMillis()));
  }

  /** Substitutes must be permitted tools; providers to avoid must be in the chain. */
  private boolean applicable(Light l) {
    return switch (l.action()) {
      case "substitute_tool" -> permitted.contains(l.actionTo());
      case "avoid_provider" -> context.providerTargets().contains(l.actionTo());
      default -> true;
    };
  }

  /** The chosen patterns in full, in the chosen order, with their reasons. */
  private List<Decisions.Chosen> load(Map<Long, Light> chosen) throws SQLException {
    if (chosen.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(chosen.size(), "?"));
    Map<Long, Pattern> bySeq = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + PatternRows.COLUMNS + ", p.seq FROM patterns p WHERE p.seq IN (" + marks + ")")) {
      int i = 1;
      for (long seq : chosen.keySet()) {
        ps.setLong(i++, seq);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          bySeq.put(rs.getLong(21), PatternRows.map(rs, now, settings.halfLife()));
        }
      }
    }
    return chosen.values().stream().filter(l -> bySeq.containsKey(l.seq()))
        .map(l -> new Decisions.Chosen(bySeq.get(l.seq()), l.reason())).toList();
  }
}
