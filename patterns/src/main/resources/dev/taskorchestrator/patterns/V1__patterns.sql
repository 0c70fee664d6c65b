-- Learned failure patterns. Times are epoch milliseconds (UTC).
-- decay_key = log2(confidence) * half_life_ms + last_seen: ordering by it is ordering by the
-- decayed confidence, and "effective confidence >= m" is "decay_key >= log2(m) * half_life_ms + now",
-- an index range, so neither needs a table scan.
CREATE TABLE patterns (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  -- one FTS token standing for the whole target, so a text match can be pinned to one target cheaply
  target_token TEXT NOT NULL,
  -- archetype patterns only: each significant message word prefixed by target_token, so matching a
  -- task against one archetype's patterns reads a few tiny doclists instead of intersecting big ones
  scoped_terms TEXT NOT NULL DEFAULT '',
  error_class TEXT NOT NULL,
  message TEXT NOT NULL,
  example TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('instruction', 'substitute_tool', 'avoid_provider', 'block')),
  advice TEXT NOT NULL,
  action_from TEXT,
  action_to TEXT,
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  decay_key REAL NOT NULL,
  times_applied INTEGER NOT NULL DEFAULT 0,
  successes_after INTEGER NOT NULL DEFAULT 0,
  failures_after INTEGER NOT NULL DEFAULT 0,
  provenance TEXT NOT NULL DEFAULT 'local',
  visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'shared')),
  enabled INTEGER NOT NULL DEFAULT 1
);
-- covers the pre-spawn check's per-target candidate read (seq is the rowid, so it is in every index)
CREATE INDEX patterns_target ON patterns(target, enabled, decay_key, action, action_to);
CREATE INDEX patterns_decay ON patterns(decay_key);
CREATE TABLE pattern_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE VIRTUAL TABLE patterns_fts USING fts5(
  message, target, advice, target_token, scoped_terms,
  content = 'patterns', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER patterns_fts_insert AFTER INSERT ON patterns BEGIN
  INSERT INTO patterns_fts(rowid, message, target, advice, target_token, scoped_terms)
    VALUES (new.seq, new.message, new.target, new.advice, new.target_token, new.scoped_terms);
END;
CREATE TRIGGER patterns_fts_delete AFTER DELETE ON patterns BEGIN
  INSERT INTO patterns_fts(patterns_fts, rowid, message, target, advice, target_token, scoped_terms)
    VALUES ('delete', old.seq, old.message, old.target, old.advice, old.target_token, old.scoped_terms);
END;
CREATE TRIGGER patterns_fts_update AFTER UPDATE OF message, target, advice ON patterns BEGIN
  INSERT INTO patterns_fts(patterns_fts, rowid, message, target, advice, target_token, scoped_terms)
    VALUES ('delete', old.seq, old.message, old.target, old.advice, old.target_token, old.scoped_terms);
  INSERT INTO patterns_fts(rowid, message, target, advice, target_token, scoped_terms)
    VALUES (new.seq, new.message, new.target, new.advice, new.target_token, new.scoped_terms);
END;
