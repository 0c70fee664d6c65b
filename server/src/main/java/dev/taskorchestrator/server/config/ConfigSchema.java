package dev.taskorchestrator.server.config;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The shape of the configuration as the records define it, read by reflection the way the YAML binding
 * reads it (kebab-case names of record components): the keys it accepts and what each allows.
 */
public final class ConfigSchema {

  /** The binding's own naming strategy, so that names here are exactly the keys it binds. */
  private static final class Kebab extends PropertyNamingStrategies.KebabCaseStrategy {
    String name(String component) {
      return translate(component);
    }
  }

  private static final Kebab KEBAB = new Kebab();

  private ConfigSchema() {}

  /**
   * One key the configuration accepts.
   *
   * @param path as documented: {@code server.port}, {@code providers[].name} for the entries of a list,
   *     {@code archetypes.<name>.model} for the entries of a named mapping
   * @param type the type it binds to (a mapping of plain values, such as {@code providers[].headers}, is one key)
   */
  public record Key(String path, Type type) {}

  /** Every key the configuration accepts, in the order of the records. */
  public static List<Key> keys() {
    List<Key> out = new ArrayList<>();
    collect(OrchestratorConfig.class, "", out);
    return out;
  }

  private static void collect(Class<?> record, String prefix, List<Key> out) {
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix + key(c);
      Type type = c.getGenericType();
      Class<?> raw = raw(type);
      if (raw.isRecord()) {
        collect(raw, path + ".", out);
      } else if (List.class.isAssignableFrom(raw) && raw(typeArgument(type, 0)).isRecord()) {
        collect(raw(typeArgument(type, 0)), path + "[].", out);
      } else if (Map.class.isAssignableFrom(raw) && raw(typeArgument(type, 1)).isRecord()) {
        collect(raw(typeArgument(type, 1)), path + ".<name>.", out);
      } else {
        out.add(new Key(path, type));
      }
    }
  }

  /** The YAML key a record component binds to. */
  static String key(RecordComponent c) {
    return KEBAB.name(c.getName());
  }

  /** What {@code c} of {@code record} allows: its own declaration, or its entry in {@link ForeignSettings}. */
  static Allowed allowed(Class<?> record, RecordComponent c) {
    Allowed own = c.getAnnotation(Allowed.class);
    if (own != null) {
      return own;
    }
    Class<?> declarations = ForeignSettings.BY_RECORD.get(record);
    if (declarations == null) {
      return null;
    }
    try {
      Method m = declarations.getDeclaredMethod(c.getName());
      return m.getAnnotation(Allowed.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  static Type typeArgument(Type type, int index) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
        ? p.getActualTypeArguments()[index] : Object.class;
  }
}
