package dev.taskorchestrator.orchestrator;

import dev.taskorchestrator.budget.ProcessIdentity;
import dev.taskorchestrator.storage.Database;
import dev.taskorchestrator.storage.Migration;
import dev.taskorchestrator.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every spawn, persisted: created as {@code running}, finished once, read by {@code get_task}. */
public final class SqliteTaskStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Database db;
  private final ProcessIdentity self;

  /** A store whose new tasks belong to this process. */
  public SqliteTaskStore(Database db) {
    this(db, ProcessIdentity.current());
  }

  /** @param self the process new tasks belong to; another process's running tasks are left alone while it lives */
  public SqliteTaskStore(Database db, ProcessIdentity self) {
    this.db = db;
    this.self = self;
  }

  public static Schema schema() {
    return Schema.of("orchestrator",
        Migration.fromResource(SqliteTaskStore.class, 1, "tasks", "/dev/taskorchestrator/orchestrator/V1__tasks.sql"));
  }

  public void create(TaskRecord t) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO tasks(id, parent_id, session_id, archetype, "
          + "status, task, context, started_at, owner_host, owner_pid, owner_started) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, t.id());
        ps.setString(2, t.parentId());
        ps.setString(3, t.sessionId());
        ps.setString(4, t.archetype());
        ps.setString(5, t.status());
        ps.setString(6, t.task());
        ps.setString(7, t.context());
        ps.setString(8, t.startedAt().toString());
        ps.setString(9, self.host());
        ps.setLong(10, self.pid());
        ps.setString(11, self.started() == null ? null : self.started().toString());
        return ps.executeUpdate();
      }
    });
  }

  /** Records how a running task ended; a task already ended is left as it is. */
  public void finish(TaskRecord t) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status = ?, output = ?, structured_output = ?, "
          + "provider = ?, model = ?, input_tokens = ?, output_tokens = ?, cached_input_tokens = ?, "
          + "cache_write_tokens = ?, steps = ?, tool_calls = ?, stop_reason = ?, error_class = ?, ended_at = ?, "
          + "cost_usd = ? WHERE id = ? AND status = 'running'")) {
        ps.setString(1, t.status());
        ps.setString(2, t.output());
        ps.setString(3, t.structuredOutput() == null ? null : JSON.writeValueAsString(t.structuredOutput()));
        ps.setString(4, t.provider());
        ps.setString(5, t.model());
        ps.setLong(6, t.usage().inputTokens());
        ps.setLong(7, t.usage().outputTokens());
        ps.setLong(8, t.usage().cachedInputTokens());
        ps.setLong(9, t.usage().cacheWriteTokens());
        ps.setInt(10, t.steps());
        ps.setString(11, JSON.writeValueAsString(t.toolCalls()));
        ps.setString(12, t.stopReason());
        ps.setString(13, t.errorClass());
        ps.setString(14, t.endedAt().toString());
        ps.setString(15, t.costUsd().toPlainString());
        ps.setString(16, t.id());
        return ps.executeUpdate();
      }
    });
  }

  public Optional<TaskRecord> find(String id) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM tasks WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<TaskRecord>empty();
        }
      }
    });
  }

  /**
   * Marks as {@code interrupted} the tasks left {@code running} by a process that is gone; called at
   * start. Tasks of processes still alive (another client's server sharing this data directory) are
   * left running.
   *
   * @return how many were marked
   */
  public int interruptLeftovers(Instant now) {
    return db.write(c -> {
      List<String> dead = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, owner_host, owner_pid, owner_started FROM tasks WHERE status = 'running'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String started = rs.getString(4);
          ProcessIdentity owner = new ProcessIdentity(rs.getString(2), rs.getLong(3),
              started == null ? null : Instant.parse(started));
          if (owner.isCertainlyDead(self)) {
            dead.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET status = 'interrupted', ended_at = ?, "
          + "stop_reason = 'the server stopped while this task was running; spawn it again' WHERE id = ?")) {
        for (String id : dead) {
          ps.setString(1, now.toString());
          ps.setString(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return dead.size();
    });
  }

  private static TaskRecord read(ResultSet rs) throws SQLException {
    String structured = rs.getString("structured_output");
    String ended = rs.getString("ended_at");
    return new TaskRecord(rs.getString("id"), rs.getString("parent_id"), rs.getString("session_id"),
        rs.getString("archetype"), rs.getString("status"), rs.getString("task"), rs.getString("context"),
        rs.getString("output"), structured == null ? null : JSON.readValue(structured, Object.class),
        rs.getString("provider"), rs.getString("model"),
        new TaskRecord.Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
            rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens")),
        new java.math.BigDecimal(rs.getString("cost_usd")), rs.getInt("steps"), JSON.readValue(rs.getString("tool_calls"), new TypeReference<List<Map<String, Object>>>() {}),
        rs.getString("stop_reason"), rs.getString("error_class"), Instant.parse(rs.getString("started_at")),
        ended == null ? null : Instant.parse(ended));
  }
}
