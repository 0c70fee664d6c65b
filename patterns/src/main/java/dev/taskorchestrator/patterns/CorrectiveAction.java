package dev.taskorchestrator.patterns;

import java.util.Objects;

/** What to do when a pattern applies to a spawn. */
public sealed interface CorrectiveAction {

  /** The wire name: {@code instruction}, {@code substitute_tool}, {@code avoid_provider}, {@code block}. */
  String kind();

  /** The advice text shown to the agent (and indexed for search). */
  String advice();

  /** Advice text added to the agent's instructions, quoted as data. */
  record Instruction(String text) implements CorrectiveAction {
    public Instruction {
      text = Texts.requireText(text, "text");
    }

    @Override public String kind() { return "instruction"; }

    @Override public String advice() { return text; }
  }

  /** Use tool {@code to} instead of tool {@code from} (qualified names, {@code server.tool}). */
  record SubstituteTool(String from, String to) implements CorrectiveAction {
    public SubstituteTool {
      Target.checkToolName(from);
      Target.checkToolName(to);
      if (from.equals(to)) {
        throw new IllegalArgumentException("a tool cannot substitute itself: " + from);
      }
    }

    @Override public String kind() { return "substitute_tool"; }

    @Override public String advice() {
      return "tool " + from + " has been failing; use " + to + " instead";
    }
  }

  /** Skip this provider target ({@code provider:NAME/MODEL}) in the fallback chain. */
  record AvoidProvider(String provider) implements CorrectiveAction {
    public AvoidProvider {
      if (Target.kindOf(provider) != Target.Kind.PROVIDER) {
        throw new IllegalArgumentException("avoid_provider needs a provider:NAME/MODEL target, got: " + provider);
      }
    }

    @Override public String kind() { return "avoid_provider"; }

    @Override public String advice() {
      return "provider " + Target.nameOf(provider) + " has been failing; it is skipped in the fallback chain";
    }
  }

  /** Refuse the spawn (only when blocking is enabled and the confidence is over the threshold). */
  record Block(String reason) implements CorrectiveAction {
    public Block {
      reason = Texts.requireText(reason, "reason");
    }

    @Override public String kind() { return "block"; }

    @Override public String advice() { return reason; }
  }

  /** Rebuilds an action from its stored columns. */
  static CorrectiveAction of(String kind, String advice, String from, String to) {
    Objects.requireNonNull(kind, "kind is null");
    return switch (kind) {
      case "instruction" -> new Instruction(advice);
      case "substitute_tool" -> new SubstituteTool(from, to);
      case "avoid_provider" -> new AvoidProvider(to);
      case "block" -> new Block(advice);
      default -> throw new IllegalArgumentException("unknown corrective action: " + kind);
    };
  }
}
