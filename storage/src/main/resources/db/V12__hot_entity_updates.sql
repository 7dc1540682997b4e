-- xreg schema, version 12: updates of an entity's attributes are HOT (issue 15, W1).
--
-- PostgreSQL updates a row in place on its page (a heap-only tuple, no new index entries) only
-- when no indexed column changed and the page has room. An index over an expression of
-- `attributes` (V3 entity_xref_source, V9 entity_version_name and entity_version_labels) makes
-- `attributes` an indexed column, so every write of any attribute (a PATCH of `description`)
-- inserted into all of entity's indexes, the GIN index included. The indexed values now live
-- in stored generated columns, which PostgreSQL compares old against new: an update that leaves
-- them equal is HOT. The indexes and their partial predicates read only these columns.

-- Room on each page for the new versions of its rows (measured: 85 keeps W1's updates HOT).
-- Set first, so the rewrite that the generated columns cause already leaves the room.
ALTER TABLE entity SET (fillfactor = 85);

-- The values are computed only on the rows that are looked up by them (Versions; xrefs are on
-- meta rows and absent elsewhere), so the other rows carry NULLs, which take no space.
ALTER TABLE entity
  ADD COLUMN xref text GENERATED ALWAYS AS (attributes ->> 'xref') STORED,
  ADD COLUMN version_name text GENERATED ALWAYS AS (
    CASE WHEN collection = 'versions' THEN lower(attributes ->> 'name') END) STORED,
  ADD COLUMN version_labels text[] GENERATED ALWAYS AS (
    CASE WHEN collection = 'versions' THEN xreg_label_pairs(attributes) END) STORED;

DROP INDEX entity_xref_source;
CREATE INDEX entity_xref_source ON entity (xref) WHERE xref IS NOT NULL;

DROP INDEX entity_version_name;
CREATE INDEX entity_version_name ON entity (version_name text_pattern_ops) WHERE collection = 'versions';

DROP INDEX entity_version_labels;
CREATE INDEX entity_version_labels ON entity USING gin (version_labels) WHERE collection = 'versions';

-- The columns have ordinary column statistics (most common values, elements for the array),
-- which is what the expression statistics of V9 provided: tell a selective name or label from
-- a broad one. Gather them now rather than at the next autovacuum.
DROP STATISTICS entity_version_name_stats;
DROP STATISTICS entity_version_labels_stats;
ANALYZE entity;
