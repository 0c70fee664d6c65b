package dev.taskorchestrator.budget;

import dev.taskorchestrator.budget.internal.PriceJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model prices: the curated table shipped in the jar ({@value #RESOURCE}), the operator's overrides,
 * local-model rules, a fallback price for unknown models and a price for MCP sampling calls.
 *
 * <p>Lookup of a model name (lower-cased, any {@code vendor/} prefix removed): local-model rules
 * first; then, override layers before the shipped table, an exact name, then a pattern; then the
 * name without a snapshot suffix ({@code -2024-08-06}, {@code -20241022}, {@code -latest},
 * {@code -preview-05-20}); then the fallback price, if one is configured. Otherwise the model is
 * unknown and {@link #estimate} / {@link #cost} throw {@link UnknownModelException}: never free.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.loadDefault()
 *     .withOverrides(List.of(ModelPrice.perMillion("my-model", "openai", Money.usd("1"), Money.usd("2"), "config")))
 *     .withLocalRule(LocalModelRule.provider("ollama"));
 * Money worst = prices.estimate(ModelRef.of("gpt-4o"), 1_200, 4_096);
 * }</pre>
 */
public final class PriceTable {

  /** The classpath resource of the curated table. */
  public static final String RESOURCE = "/dev/taskorchestrator/budget/prices.json";

  private static final Pattern SNAPSHOT_SUFFIX =
      Pattern.compile("^(.+?)(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-latest|-preview-\\d{2}-\\d{2})$");

  private final List<Layer> layers;
  private final List<LocalModelRule> localRules;
  private final ModelPrice fallback;
  private final ModelPrice sampling;

  private PriceTable(List<Layer> layers, List<LocalModelRule> localRules, ModelPrice fallback, ModelPrice sampling) {
    this.layers = List.copyOf(layers);
    this.localRules = List.copyOf(localRules);
    this.fallback = fallback;
    this.sampling = sampling;
  }

  /** The curated table shipped in the jar. */
  public static PriceTable loadDefault() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("price table resource missing: " + RESOURCE);
      }
      return of(PriceJson.parse(in, RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table of exactly these entries (tests, or an operator's own complete table). */
  public static PriceTable of(List<ModelPrice> entries) {
    return new PriceTable(List.of(Layer.of(entries)), List.of(), null, null);
  }

  /** Parses entries in the shipped file's JSON format (for overrides kept in a JSON file). */
  public static List<ModelPrice> parseEntries(InputStream json, String origin) {
    return PriceJson.parse(json, origin);
  }

  /** This table with {@code entries} taking precedence over every existing entry. */
  public PriceTable withOverrides(List<ModelPrice> entries) {
    List<Layer> l = new ArrayList<>();
    l.add(Layer.of(entries));
    l.addAll(layers);
    return new PriceTable(l, localRules, fallback, sampling);
  }

  /** This table with one more local-model rule (models it matches cost nothing). */
  public PriceTable withLocalRule(LocalModelRule rule) {
    List<LocalModelRule> r = new ArrayList<>(localRules);
    r.add(Objects.requireNonNull(rule, "rule is null"));
    return new PriceTable(layers, r, fallback, sampling);
  }

  /** This table pricing unknown models at {@code price} instead of refusing them. */
  public PriceTable withFallback(ModelPrice price) {
    return new PriceTable(layers, localRules, Objects.requireNonNull(price, "price is null"), sampling);
  }

  /** This table pricing sampling calls whose model is unknown at {@code price}. */
  public PriceTable withSamplingPrice(ModelPrice price) {
    return new PriceTable(layers, localRules, fallback, Objects.requireNonNull(price, "price is null"));
  }

  /**
   * The price listed for a model by name (overrides and the shipped table, snapshot suffixes removed):
   * neither local rules nor the fallback apply. Empty when the model is not listed.
   */
  public Optional<ModelPrice> listedPrice(String model) {
    return model == null || model.isBlank() ? Optional.empty() : listed(normalise(model));
  }

  /** The price of a model by name alone (no local rules apply), fallback included. */
  public Optional<ModelPrice> price(String model) {
    return price(ModelRef.of(model));
  }

  /** The price that applies to a call, fallback included; empty if the model is unknown. */
  public Optional<ModelPrice> price(ModelRef ref) {
    Objects.requireNonNull(ref, "ref is null");
    for (LocalModelRule rule : localRules) {
      if (rule.matches(ref)) {
        return Optional.of(ModelPrice.free(ref.model(), "local", "local-model rule " + rule));
      }
    }
    Optional<ModelPrice> listed = listed(normalise(ref.model()));
    if (listed.isPresent() || fallback == null) {
      return listed;
    }
    return Optional.of(fallback.renamed(ref.model(), "fallback price (" + fallback.source() + ")"));
  }

  /** Like {@link #price(ModelRef)} but refuses an unknown model. */
  public ModelPrice require(ModelRef ref) {
    return price(ref).orElseThrow(() -> UnknownModelException.of(ref));
  }

  /**
   * The price of an MCP sampling call: the model the client reports if it is known, else the
   * configured sampling price, else the fallback; otherwise refused.
   */
  public ModelPrice forSampling(String reportedModel) {
    if (reportedModel != null && !reportedModel.isBlank()) {
      Optional<ModelPrice> listed = listed(normalise(reportedModel));
      if (listed.isPresent()) {
        return listed.get();
      }
    }
    String name = reportedModel == null || reportedModel.isBlank() ? "sampling" : reportedModel;
    if (sampling != null) {
      return sampling.renamed(name, "sampling price (" + sampling.source() + ")");
    }
    if (fallback != null) {
      return fallback.renamed(name, "fallback price (" + fallback.source() + ")");
    }
    throw new UnknownModelException(name, "no price is known for the sampling model '" + name
        + "', so the call is refused rather than counted as free; configure budget.sampling-price"
        + " or budget.fallback-price, or a price for the model under budget.prices");
  }

  /** Worst-case cost of a call: see {@link ModelPrice#worstCase}. */
  public Money estimate(ModelRef ref, long inputTokens, long maxOutputTokens) {
    return require(ref).worstCase(inputTokens, maxOutputTokens);
  }

  public Money estimate(String model, long inputTokens, long maxOutputTokens) {
    return estimate(ModelRef.of(model), inputTokens, maxOutputTokens);
  }

  /** Real cost of a call from its normalised usage. */
  public Money cost(ModelRef ref, TokenUsage usage) {
    return require(ref).cost(usage);
  }

  public Money cost(String model, TokenUsage usage) {
    return cost(ModelRef.of(model), usage);
  }

  /** Every entry, override layers first (for listing and validation). */
  public List<ModelPrice> entries() {
    List<ModelPrice> all = new ArrayList<>();
    for (Layer layer : layers) {
      all.addAll(layer.entries);
    }
    return all;
  }

  private Optional<ModelPrice> listed(String name) {
    for (Layer layer : layers) {
      Optional<ModelPrice> p = layer.find(name);
      if (p.isPresent()) {
        return p;
      }
    }
    Matcher m = SNAPSHOT_SUFFIX.matcher(name);
    if (m.matches()) {
      for (Layer layer : layers) {
        ModelPrice p = layer.exact.get(m.group(1));
        if (p != null) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  static String normalise(String model) {
    String s = model.strip().toLowerCase(Locale.ROOT);
    int slash = s.lastIndexOf('/');
    return slash >= 0 ? s.substring(slash + 1) : s;
  }

  private record Layer(List<ModelPrice> entries, Map<String, ModelPrice> exact, List<Map.Entry<Pattern, ModelPrice>> patterns) {

    static Layer of(List<ModelPrice> entries) {
      Map<String, ModelPrice> exact = new HashMap<>();
      List<Map.Entry<Pattern, ModelPrice>> patterns = new ArrayList<>();
      for (ModelPrice p : entries) {
        if (p.pattern() == null) {
          exact.put(normalise(p.model()), p);
        } else {
          patterns.add(Map.entry(Pattern.compile(p.pattern(), Pattern.CASE_INSENSITIVE), p));
        }
      }
      return new Layer(List.copyOf(entries), exact, patterns);
    }

    Optional<ModelPrice> find(String name) {
      ModelPrice p = exact.get(name);
      if (p != null) {
        return Optional.of(p);
      }
      for (Map.Entry<Pattern, ModelPrice> e : patterns) {
        if (e.getKey().matcher(name).matches()) {
          return Optional.of(e.getValue());
        }
      }
      return Optional.empty();
    }
  }
}
