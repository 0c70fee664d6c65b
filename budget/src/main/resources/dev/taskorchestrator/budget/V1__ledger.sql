-- Budget guard: limits, running totals per scope, tasks, process owners, open reservations, ledger.
-- Money is INTEGER nano-dollars; times are INTEGER epoch milliseconds.

CREATE TABLE budget_limits (
  scope TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  limit_nanos INTEGER,
  warn_below_percent INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_key)
) WITHOUT ROWID;

-- Running totals, kept in the same transaction as each reservation and settlement, so a reserve
-- never sums the ledger. period is '' for task and session, the day or month otherwise.
CREATE TABLE budget_counters (
  scope TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  period TEXT NOT NULL,
  spent_nanos INTEGER NOT NULL DEFAULT 0,
  reserved_nanos INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, scope_key, period)
) WITHOUT ROWID;

CREATE TABLE budget_tasks (
  task_id TEXT PRIMARY KEY,
  parent_task_id TEXT REFERENCES budget_tasks(task_id),
  created_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per running process using the budget; a reservation whose owner is gone is released.
CREATE TABLE budget_owners (
  owner_id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  process_started_ms INTEGER,
  started_at_ms INTEGER NOT NULL,
  heartbeat_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- status: 'open' (its estimate is held on every scope) or 'orphaned' (released because its owner
-- died; a late settlement still records the spend).
-- AUTOINCREMENT: an id is never reused, so a settlement can be matched to its ledger row forever.
CREATE TABLE budget_reservations (
  reservation_id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id TEXT NOT NULL,
  status TEXT NOT NULL,
  task_id TEXT,
  session_id TEXT,
  archetype TEXT,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  estimate_nanos INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL
);

-- No index on owner_id: recovery scans this small table (open calls only), and every index here
-- would cost each reservation a page write.

CREATE TABLE budget_ledger (
  id INTEGER PRIMARY KEY,
  reservation_id INTEGER NOT NULL UNIQUE,
  at_ms INTEGER NOT NULL,
  task_id TEXT,
  session_id TEXT,
  archetype TEXT,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  estimate_nanos INTEGER NOT NULL
);

-- Reports are bounded by time; per-scope totals come from budget_counters, not from the ledger.
-- Each further index would cost every settlement a page write.
CREATE INDEX budget_ledger_at ON budget_ledger(at_ms);

-- Daily totals per (task, session, archetype, provider, model), changed with each settlement, so
-- reports over days and months read one row per group and day instead of every call. '' = none.
CREATE TABLE budget_daily (
  day TEXT NOT NULL,
  task_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  archetype TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  calls INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_input_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_nanos INTEGER NOT NULL,
  PRIMARY KEY (day, task_id, session_id, archetype, provider, model)
) WITHOUT ROWID;

CREATE TRIGGER budget_ledger_no_update BEFORE UPDATE ON budget_ledger
BEGIN
  SELECT RAISE(ABORT, 'budget_ledger is append-only');
END;

CREATE TRIGGER budget_ledger_no_delete BEFORE DELETE ON budget_ledger
BEGIN
  SELECT RAISE(ABORT, 'budget_ledger is append-only');
END;
