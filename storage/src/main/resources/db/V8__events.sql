-- xreg schema, version 8: the change feed becomes the outbox of events (issue 20).

-- The top-level attribute names an update changed (events.md "data.changed"); null for
-- creates and deletes. A changed 'deprecated' sub-object adds 'deprecated.<name>' entries for
-- its own changed names (the *.deprecation events); a Registry update adds 'model',
-- 'modelsource' and 'capabilities.<name>' entries.
ALTER TABLE change_log ADD COLUMN changed text[];

-- Readers page through the feed by transaction (every event of one request together), in
-- (tx, seq) order; see dev.xreg.storage.feed.ChangeFeed for why tx and not seq.
CREATE INDEX change_log_tx ON change_log (tx, seq);
