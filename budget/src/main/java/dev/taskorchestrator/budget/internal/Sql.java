package dev.taskorchestrator.budget.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared statements kept per connection for the guard's life: the writer connection is used under
 * the database's write lock, and a read connection is lent to one thread at a time.
 */
public final class Sql implements AutoCloseable {

  private final Connection connection;
  private final Map<String, PreparedStatement> cache;
  private final List<PreparedStatement> opened = new ArrayList<>();

  private Sql(Connection connection, Map<String, PreparedStatement> cache) {
    this.connection = connection;
    this.cache = cache;
  }

  /** Statements kept in {@code cache}; the connection must be used by one thread at a time. */
  public static Sql cached(Connection c, Cache cache) {
    return new Sql(c, cache.on(c));
  }

  public PreparedStatement ps(String sql) throws SQLException {
    if (cache == null) {
      PreparedStatement ps = connection.prepareStatement(sql);
      opened.add(ps);
      return ps;
    }
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close() {
    for (PreparedStatement ps : opened) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing a read statement: nothing to do with the error
      }
    }
    opened.clear();
  }

  /** Statements of the writer connection; rebuilt if the database hands out another connection. */
  public static final class Cache {
    private Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    synchronized Map<String, PreparedStatement> on(Connection c) {
      if (c != connection) {
        statements.clear();
        connection = c;
      }
      return statements;
    }
  }
}
