package dev.taskorchestrator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One versioned step of a module's schema: SQL statements separated by {@code ;} at line ends.
 *
 * @param version positive, strictly increasing within a module
 * @param description what the step does, for logs and error messages
 * @param sql the statements to run, in one transaction
 */
public record Migration(int version, String description, String sql) {

  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(sql, "sql is null");
  }

  /** Reads the SQL of a migration from a classpath resource next to {@code anchor}. */
  public static Migration fromResource(Class<?> anchor, int version, String description, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration resource not found: " + resource);
      }
      return new Migration(version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
