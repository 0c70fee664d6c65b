package dev.taskorchestrator.server.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The YAML binding of the configuration and the translation of binding errors into one line. */
final class ConfigMapper {

  static final YAMLMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // port: 80.5 is a mistake to report, not a value to round down.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .addModule(new SimpleModule("durations")
          .addDeserializer(Duration.class, new DurationDeserializer())
          .addSerializer(Duration.class, new DurationSerializer()))
      .build();

  private ConfigMapper() {}

  static OrchestratorConfig bind(JsonNode tree, Map<String, String> origins) {
    try {
      return YAML.treeToValue(tree, OrchestratorConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String parent = path(e.getPath().subList(0, e.getPath().size() - 1));
      String key = (parent.isEmpty() ? "" : parent + ".") + e.getPropertyName();
      throw new ConfigException("configuration: unknown key '" + key + "'" + AllowedValues.origin(key, origins)
          + "; allowed " + (parent.isEmpty() ? "top-level keys" : "keys under '" + parent + "'") + ": "
          + allowed(e.getKnownPropertyIds()));
    } catch (InvalidFormatException e) {
      String key = path(e.getPath());
      throw ConfigException.badValue(key, e.getValue(), AllowedValues.origin(key, origins),
          "expected " + describe(e.getTargetType()) + detail(e));
    } catch (MismatchedInputException e) {
      String key = path(e.getPath());
      JsonNode bad = at(tree, e.getPath());
      throw ConfigException.badValue(key, bad == null ? "" : bad.isValueNode() ? bad.asString() : bad.toString(),
          AllowedValues.origin(key, origins), "expected " + describe(e.getTargetType()));
    } catch (tools.jackson.databind.exc.ValueInstantiationException e) {
      String key = path(e.getPath());
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException("configuration: " + (key.isEmpty() ? "" : key + ": ") + cause.getMessage());
    } catch (tools.jackson.core.exc.InputCoercionException e) {
      String key = path(e.getPath());
      JsonNode bad = at(tree, e.getPath());
      throw ConfigException.badValue(key, bad == null ? "" : bad.asString(), AllowedValues.origin(key, origins),
          "expected " + describe(e.getTargetType()) + (e.getTargetType() == int.class || e.getTargetType() == Integer.class
              ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
              : " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE));
    } catch (JacksonException e) {
      String key = path(e.getPath());
      throw new ConfigException("configuration: " + (key.isEmpty() ? "" : key + ": ") + e.getOriginalMessage());
    }
  }

  private static String detail(InvalidFormatException e) {
    return e.getTargetType() == Duration.class ? " (500ms, 30s, 10m, 1h or PT30S)" : "";
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == double.class || type == Double.class || type == java.math.BigDecimal.class) {
      return "a number";
    }
    if (type == java.time.LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type.isEnum()) {
      List<String> names = java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).toList();
      return "one of " + String.join(", ", names);
    }
    if (type == Duration.class) {
      return "a duration";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping of keys";
  }

  private static String allowed(Collection<Object> known) {
    return known == null ? "?" : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  static String path(List<JacksonException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static JsonNode at(JsonNode tree, List<JacksonException.Reference> refs) {
    JsonNode node = tree;
    for (JacksonException.Reference r : refs) {
      if (node == null) {
        return null;
      }
      node = r.getPropertyName() != null ? node.get(r.getPropertyName()) : node.get(r.getIndex());
    }
    return node;
  }

  private static final class DurationDeserializer extends ValueDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
      String text = p.getValueAsString();
      if (text == null) {
        text = p.getString();
      }
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
      }
    }
  }

  private static final class DurationSerializer extends ValueSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeString(Durations.format(value));
    }
  }
}
