-- xreg schema, version 2: secrets for signed pagination cursors; the transaction of each change.

-- Per-database secrets, created once by the first node that migrates (random bytes from the
-- JVM's SecureRandom, inserted with ON CONFLICT DO NOTHING) and shared by every node.
-- 'cursor': HMAC-SHA256 key of pagination cursors.
CREATE TABLE xreg_secret (
  name   text  PRIMARY KEY,
  value  bytea NOT NULL CHECK (length(value) >= 32)
);

-- The change feed records the writing transaction, so a consumer can tell which rows are
-- committed in seq order: rows of transactions still in progress may get smaller seq values
-- than rows already visible. Read up to pg_snapshot_xmin(pg_current_snapshot()) to be safe.
ALTER TABLE change_log ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
