-- One row per circuit breaker (a provider, or a downstream tool server.tool), written on state changes.
-- Times are epoch milliseconds (UTC).
CREATE TABLE circuit_breakers (
  name                 TEXT    NOT NULL PRIMARY KEY,
  kind                 TEXT    NOT NULL CHECK (kind IN ('provider', 'tool')),
  state                TEXT    NOT NULL CHECK (state IN ('closed', 'open', 'half_open')),
  opened_at            INTEGER,
  open_until           INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  last_error_class     TEXT,
  last_message         TEXT,
  updated_at           INTEGER NOT NULL
);
