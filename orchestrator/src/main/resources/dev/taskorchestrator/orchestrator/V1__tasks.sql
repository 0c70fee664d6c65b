CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES tasks(id),
  session_id TEXT,
  archetype TEXT NOT NULL,
  status TEXT NOT NULL,
  task TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '',
  output TEXT,
  structured_output TEXT,
  provider TEXT,
  model TEXT,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cached_input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  steps INTEGER NOT NULL DEFAULT 0,
  cost_usd TEXT NOT NULL DEFAULT '0',
  tool_calls TEXT NOT NULL DEFAULT '[]',
  stop_reason TEXT,
  error_class TEXT,
  owner_host TEXT NOT NULL DEFAULT '',
  owner_pid INTEGER NOT NULL DEFAULT 0,
  owner_started TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX tasks_status ON tasks(status);
CREATE INDEX tasks_session ON tasks(session_id, started_at);
CREATE INDEX tasks_parent ON tasks(parent_id);
