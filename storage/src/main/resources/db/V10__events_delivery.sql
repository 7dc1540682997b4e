-- xreg schema, version 8 (issue 20, the missing pieces): correlation IDs and feed trimming.

-- The xregcorrelationid of the request that wrote the row: chosen by the API module before the
-- write, carried in its command, and answered in the xRegistry-xregcorrelationid header. Null for
-- rows written before this migration (their events use the transaction ID, as before).
ALTER TABLE change_log ADD COLUMN correlation text;

-- The newest transaction whose rows trimming deleted (dev.xreg.storage.feed.ChangeFeed#trim):
-- a reader resuming after an older position would miss changes and is told so instead.
CREATE TABLE change_log_trim (
  id       int  PRIMARY KEY CHECK (id = 1),
  through  xid8 NOT NULL
);

-- Rows of other APIs' changes (OCI, App Registry) in the same outbox: their CloudEvents type
-- (io.xreg.oci.manifest.pushed, ...) and data; the subject is in xid. Null type: an xRegistry
-- entity row, whose events dev.xreg.events.EntityEvents derives.
ALTER TABLE change_log ADD COLUMN type text;
ALTER TABLE change_log ADD COLUMN data jsonb;
