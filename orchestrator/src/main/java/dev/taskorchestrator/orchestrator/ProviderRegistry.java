package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.agents.Archetype;
import dev.taskorchestrator.agents.ModelProvider;
import dev.taskorchestrator.agents.ProviderConfig;
import dev.taskorchestrator.agents.ProviderType;
import dev.taskorchestrator.agents.Providers;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configured model providers and the chain each archetype runs on. The name {@code sampling} always
 * means the calling MCP client; with no providers configured, sampling is the whole default chain.
 */
public final class ProviderRegistry {

  public static final String SAMPLING = "sampling";

  private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
  private final Map<String, ModelProvider> http = new LinkedHashMap<>();

  public ProviderRegistry(List<ProviderConfig> providers, Function<String, String> env, Clock clock) {
    check(providers, List.of());
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1).build();
    for (ProviderConfig c : providers) {
      configs.put(c.name(), c);
      if (c.type() != ProviderType.SAMPLING) {
        http.put(c.name(), Providers.create(c, env, client, clock));
      }
    }
  }

  /** The chain for {@code archetype} by name: its own list, or every configured provider in order. */
  public List<String> chainFor(Archetype archetype) {
    List<String> names = archetype.providers().isEmpty() ? new ArrayList<>(configs.keySet()) : archetype.providers();
    return names.isEmpty() ? List.of(SAMPLING) : names;
  }

  /** Checks that every archetype's chain names known providers; the message names the culprit. */
  public void validate(List<Archetype> archetypes) {
    check(List.copyOf(configs.values()), archetypes);
  }

  /**
   * The rules a provider list and the archetypes' chains must follow, checked before anything is built
   * (the configuration check and this registry share them): no provider name twice, and every name in
   * a chain a configured provider or {@code sampling}.
   *
   * @throws IllegalArgumentException naming the key and the culprit
   */
  public static void check(List<ProviderConfig> providers, List<Archetype> archetypes) {
    java.util.Set<String> known = new java.util.LinkedHashSet<>();
    for (ProviderConfig c : providers) {
      if (!known.add(c.name())) {
        throw new IllegalArgumentException("providers: the name " + c.name() + " is used twice");
      }
    }
    known.add(SAMPLING);
    for (Archetype a : archetypes) {
      for (String name : a.providers()) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException("archetypes." + a.name() + ".providers names '" + name
              + "', which is not a configured provider (known: " + String.join(", ", known) + ")");
        }
      }
    }
  }

  public boolean isSampling(String name) {
    return name.equals(SAMPLING) || (configs.containsKey(name) && configs.get(name).type() == ProviderType.SAMPLING);
  }

  /** The HTTP provider of that name; sampling providers are made per request. */
  public ModelProvider http(String name) {
    ModelProvider p = http.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no HTTP provider named " + name);
    }
    return p;
  }

  public List<String> names() {
    List<String> out = new ArrayList<>(configs.keySet());
    if (!out.contains(SAMPLING)) {
      out.add(SAMPLING);
    }
    return out;
  }

  public Map<String, ProviderConfig> configs() {
    return Map.copyOf(configs);
  }
}
