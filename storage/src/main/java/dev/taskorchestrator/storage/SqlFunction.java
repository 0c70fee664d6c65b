package dev.taskorchestrator.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection the {@link Database} lends for the duration of the call. */
@FunctionalInterface
public interface SqlFunction<T> {
  T apply(Connection connection) throws SQLException;
}
