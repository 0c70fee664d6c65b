package dev.taskorchestrator.patterns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pre-spawn check: collects the patterns relevant to a spawn and turns them into a decision.
 *
 * <p>Relevant means: targeted at a tool the agent may use or a provider in its chain (ranked by
 * decayed confidence), or targeted at its archetype <em>and</em> matching the task text well enough.
 * An archetype pattern never applies just because the archetype is the same.
 */
final class PreSpawnCheck {

  private static final String BY_TARGET = "SELECT " + PatternRows.COLUMNS + " FROM patterns p "
      + "WHERE p.target = ? AND p.enabled = 1 AND p.decay_key >= ? ORDER BY p.decay_key DESC LIMIT ?";
  private static final String SUBSTITUTES = "SELECT " + PatternRows.COLUMNS + " FROM patterns p "
      + "WHERE p.target = ? AND p.enabled = 1 AND p.decay_key >= ? AND p.action = 'substitute_tool' "
      + "ORDER BY p.decay_key DESC LIMIT 20";
  private static final String BY_TEXT = "SELECT " + PatternRows.COLUMNS + " FROM patterns_fts "
      + "JOIN patterns p ON p.seq = patterns_fts.rowid WHERE patterns_fts MATCH ? AND p.target = ? "
      + "AND p.enabled = 1 AND p.decay_key >= ? ORDER BY patterns_fts.rank LIMIT 50";

  private record Candidate(Pattern pattern, double relevance, String reason) {}

  private final Connection connection;
  private final PatternSettings settings;
  private final long now;
  private final double keyBound;
  private final SpawnContext context;
  private final Set<String> permitted;

  PreSpawnCheck(Connection connection, PatternSettings settings, long nowMillis, SpawnContext context) {
    this.connection = connection;
    this.settings = settings;
    this.now = nowMillis;
    this.keyBound = Confidence.keyBound(settings.minConfidence(), nowMillis, settings.halfLife());
    this.context = context;
    this.permitted = new LinkedHashSet<>(context.permittedTools());
  }

  PreSpawnDecision run() throws SQLException {
    Map<String, String> substitutes = new LinkedHashMap<>();
    List<Candidate> substitutions = substitutions(substitutes);
    List<Candidate> ranked = new ArrayList<>();
    for (String tool : permitted) {
      if (!substitutes.containsKey(tool)) {
        byTarget(Target.tool(tool), "tool " + tool + " permitted", ranked);
      }
    }
    for (String provider : new LinkedHashSet<>(context.providerTargets())) {
      byTarget(provider, "provider in chain", ranked);
    }
    byTaskText(ranked);
    Map<String, Candidate> applied = new LinkedHashMap<>();
    substitutions.forEach(c -> applied.put(c.pattern().id(), c));
    ranked.stream().sorted(Comparator.comparingDouble(Candidate::relevance).reversed())
        .filter(c -> !applied.containsKey(c.pattern().id()))
        .limit(settings.maxApplied())
        .forEach(c -> applied.put(c.pattern().id(), c));
    return decide(List.copyOf(applied.values()), substitutes);
  }

  /** Hides each permitted tool whose breaker is open and which has a permitted, working substitute. */
  private List<Candidate> substitutions(Map<String, String> substitutes) throws SQLException {
    List<Candidate> out = new ArrayList<>();
    for (String tool : new TreeSet<>(context.openCircuitTools())) {
      if (!permitted.contains(tool)) {
        continue;
      }
      for (Pattern p : select(SUBSTITUTES, Target.tool(tool), 0)) {
        String to = ((CorrectiveAction.SubstituteTool) p.action()).to();
        if (permitted.contains(to) && !context.openCircuitTools().contains(to)) {
          substitutes.put(tool, to);
          out.add(new Candidate(p, p.effectiveConfidence(), "breaker open; substitute " + to + " offered"));
          break;
        }
      }
    }
    return out;
  }

  private void byTarget(String target, String reason, List<Candidate> out) throws SQLException {
    for (Pattern p : select(BY_TARGET, target, settings.maxApplied() * 2)) {
      if (applicable(p)) {
        out.add(new Candidate(p, p.effectiveConfidence(), reason));
      }
    }
  }

  private void byTaskText(List<Candidate> out) throws SQLException {
    Set<String> taskTerms = TextTerms.of(context.taskText());
    if (taskTerms.isEmpty()) {
      return;
    }
    String target = Target.archetype(context.archetype());
    String match = "target_token : " + PatternRows.targetToken(target) + " AND message : ("
        + TextTerms.anyOf(taskTerms) + ")";
    try (PreparedStatement ps = connection.prepareStatement(BY_TEXT)) {
      ps.setString(1, match);
      ps.setString(2, target);
      ps.setDouble(3, keyBound);
      for (Pattern p : PatternRows.list(ps, now, settings.halfLife())) {
        double score = TextTerms.coverage(TextTerms.of(p.message()), taskTerms);
        if (score >= settings.textMatchThreshold() && score > 0 && applicable(p)) {
          out.add(new Candidate(p, p.effectiveConfidence() * score,
              String.format(Locale.ROOT, "task text match %.2f", score)));
        }
      }
    }
  }

  private List<Pattern> select(String sql, String target, int limit) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, target);
      ps.setDouble(2, keyBound);
      if (limit > 0) {
        ps.setInt(3, limit);
      }
      return PatternRows.list(ps, now, settings.halfLife());
    }
  }

  /** Substitutes must be permitted tools; providers to avoid must be in the chain. */
  private boolean applicable(Pattern p) {
    return switch (p.action()) {
      case CorrectiveAction.SubstituteTool s -> permitted.contains(s.to());
      case CorrectiveAction.AvoidProvider a -> context.providerTargets().contains(a.provider());
      default -> true;
    };
  }

  private PreSpawnDecision decide(List<Candidate> applied, Map<String, String> substitutes) {
    Set<String> avoid = new LinkedHashSet<>();
    Optional<CorrectiveAction.Block> block = Optional.empty();
    for (Candidate c : applied) {
      Pattern p = c.pattern();
      if (p.action() instanceof CorrectiveAction.AvoidProvider a) {
        avoid.add(a.provider());
      }
      if (p.action() instanceof CorrectiveAction.Block b && block.isEmpty() && settings.blockingEnabled()
          && p.effectiveConfidence() > settings.blockThreshold()) {
        block = Optional.of(b);
      }
    }
    List<Pattern> patterns = applied.stream().map(Candidate::pattern).toList();
    String advice = AdviceBlock.format(patterns, settings.maxAdviceChars(), settings.maxBlockChars());
    List<AppliedPattern> out = applied.stream().map(c -> new AppliedPattern(c.pattern().id(),
        c.pattern().target(), c.pattern().action().kind(), c.pattern().effectiveConfidence(), c.reason()))
        .toList();
    return new PreSpawnDecision(out, advice, substitutes.keySet(), substitutes, avoid, block);
  }
}
