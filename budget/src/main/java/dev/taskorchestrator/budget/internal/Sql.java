package dev.taskorchestrator.budget.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements kept per connection for the guard's life: the writer connection is used under
 * the database's write lock, and a read connection is lent to one thread at a time.
 */
public final class Sql {

  private final Connection connection;
  private final Map<String, PreparedStatement> cache;

  private Sql(Connection connection, Map<String, PreparedStatement> cache) {
    this.connection = connection;
    this.cache = cache;
  }

  /** Statements kept in {@code cache}; the connection must be used by one thread at a time. */
  public static Sql cached(Connection c, Cache cache) {
    return new Sql(c, cache.on(c));
  }

  public PreparedStatement ps(String sql) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  /** Statements of one connection; rebuilt if it is used with another connection. */
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
