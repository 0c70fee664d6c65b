package dev.taskorchestrator.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The archetypes this server offers: the four built in, overridden or extended by configuration. */
public final class Archetypes {

  private final Map<String, Archetype> byName;

  private Archetypes(Map<String, Archetype> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The built-in researcher, architect, builder and qc. */
  public static Archetypes builtIn() {
    Map<String, Archetype> m = new LinkedHashMap<>();
    for (Archetype a : List.of(BuiltInArchetypes.researcher(), BuiltInArchetypes.architect(),
        BuiltInArchetypes.builder(), BuiltInArchetypes.qc())) {
      m.put(a.name(), a);
    }
    return new Archetypes(m);
  }

  /**
   * Applies the {@code archetypes:} configuration: a known name is overridden field by field; a new name
   * defines an archetype and needs at least a description and a system prompt.
   *
   * @throws IllegalArgumentException naming the archetype and the missing or bad setting
   */
  public Archetypes with(Map<String, ArchetypeSettings> settings) {
    Map<String, Archetype> m = new LinkedHashMap<>(byName);
    settings.forEach((name, s) -> m.put(name, s.applyTo(name, m.get(name))));
    return new Archetypes(m);
  }

  public Optional<Archetype> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** All archetypes, sorted by name. */
  public List<Archetype> all() {
    return byName.values().stream().sorted(java.util.Comparator.comparing(Archetype::name)).toList();
  }

  public List<String> names() {
    return all().stream().map(Archetype::name).toList();
  }
}
