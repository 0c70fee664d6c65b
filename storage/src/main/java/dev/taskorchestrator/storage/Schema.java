package dev.taskorchestrator.storage;

import java.util.List;
import java.util.Objects;

/**
 * The tables a module owns in the shared database, as an ordered list of migrations.
 *
 * @param module the owning module's name; its version is tracked separately from other modules'
 * @param migrations versions 1..n in order, without gaps
 */
public record Schema(String module, List<Migration> migrations) {

  public Schema {
    Objects.requireNonNull(module, "module is null");
    migrations = List.copyOf(migrations);
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            module + " migrations must be numbered 1.." + migrations.size() + " in order");
      }
    }
  }

  public static Schema of(String module, Migration... migrations) {
    return new Schema(module, List.of(migrations));
  }

  /** The version this build writes. */
  public int latestVersion() {
    return migrations.size();
  }
}
