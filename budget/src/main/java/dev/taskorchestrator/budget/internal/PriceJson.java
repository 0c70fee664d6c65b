package dev.taskorchestrator.budget.internal;

import dev.taskorchestrator.budget.ModelPrice;
import dev.taskorchestrator.budget.Money;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the price-table JSON: {@code {"models": [{"model", "pattern"?, "provider", "input", "output",
 * "cachedInput"?, "cacheWrite"?, "source", "date"}]}}, prices in USD per million tokens, given as
 * strings or numbers (read as exact decimals).
 */
public final class PriceJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private PriceJson() {}

  public static List<ModelPrice> parse(InputStream in, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("price table " + origin + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode models = root.path("models");
    if (!models.isArray()) {
      throw new IllegalArgumentException("price table " + origin + " has no \"models\" array");
    }
    List<ModelPrice> out = new ArrayList<>();
    int i = 0;
    for (JsonNode n : models) {
      out.add(entry(n, origin + " models[" + i++ + "]"));
    }
    return out;
  }

  private static ModelPrice entry(JsonNode n, String where) {
    try {
      return new ModelPrice(
          text(n, "model", where, true),
          text(n, "pattern", where, false),
          text(n, "provider", where, true),
          money(n, "input", where, true),
          money(n, "output", where, true),
          money(n, "cachedInput", where, false),
          money(n, "cacheWrite", where, false),
          text(n, "source", where, true),
          date(text(n, "date", where, false), where));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String key, String where, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + " lacks \"" + key + "\"");
      }
      return null;
    }
    return v.asString();
  }

  private static Money money(JsonNode n, String key, String where, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + " lacks \"" + key + "\"");
      }
      return null;
    }
    BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString().strip());
    return Money.usd(d);
  }

  private static LocalDate date(String s, String where) {
    try {
      return s == null ? null : LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + " has a date that is not YYYY-MM-DD: " + s, e);
    }
  }
}
