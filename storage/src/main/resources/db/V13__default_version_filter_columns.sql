-- xreg schema, version 13: a Resource's row carries its default Version's filterable values
-- (issue 15, R4-label).
--
-- A Resource's attributes are its default Version's, so ?filter=labels.k=v over a Group used to
-- find the Versions with that label (V9's index), go to their Resources, and for each read the
-- default Version again to apply the exact comparison: three rows per candidate, for the page and
-- again for the count. The Resource's (meta) row now holds the default Version's lowercased name
-- and label pairs, so such a filter reads the Resource rows alone, from an index of their own.
--
-- A generated column cannot read another row, so triggers keep the copies, whatever writes the
-- rows (the engine, an import, StoreTx.insertAll, SQL): a Version inserted or changed while it is
-- its Resource's default, and a Resource whose defaultversionid moves. The copies are exact (the
-- same expressions as V12's generated columns of the Version row); a Resource with no such
-- Version (yet) has NULLs, which no filter value matches, as the row-by-row comparison did not.

ALTER TABLE entity
  ADD COLUMN default_name text,
  ADD COLUMN default_labels text[];

UPDATE entity m SET default_name = v.version_name, default_labels = v.version_labels
FROM entity v
WHERE m.parent_id IS NOT NULL AND m.collection <> 'versions'
  AND v.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid');

-- Versions inserted while their Resource names them its default (the meta row is written first:
-- a Version's row needs its parent). One statement per INSERT statement, a bulk load included.
CREATE FUNCTION entity_default_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE entity m SET default_name = v.version_name, default_labels = v.version_labels
  FROM inserted v
  WHERE v.collection = 'versions' AND m.id = v.parent_id AND m.attributes ->> 'defaultversionid' = v.eid
    AND (m.default_name IS DISTINCT FROM v.version_name OR m.default_labels IS DISTINCT FROM v.version_labels);
  RETURN NULL;
END $$;
CREATE TRIGGER entity_default_insert AFTER INSERT ON entity REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION entity_default_inserted();

-- A Version whose name or labels changed: its Resource's copy follows if it is the default. The
-- WHEN clause is evaluated without calling the function, so other updates (a description, an
-- epoch) cost nothing here and stay HOT.
CREATE FUNCTION entity_default_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE entity m SET default_name = NEW.version_name, default_labels = NEW.version_labels
  WHERE m.id = NEW.parent_id AND m.attributes ->> 'defaultversionid' = NEW.eid;
  RETURN NULL;
END $$;
CREATE TRIGGER entity_default_version_update AFTER UPDATE ON entity FOR EACH ROW
  WHEN (NEW.collection = 'versions' AND (OLD.version_name IS DISTINCT FROM NEW.version_name
        OR OLD.version_labels IS DISTINCT FROM NEW.version_labels))
  EXECUTE FUNCTION entity_default_version_changed();

-- A Resource whose default moved copies the new default's values into the row being written (no
-- second row version); NULLs when that Version does not exist yet (its insert fills them).
CREATE FUNCTION entity_default_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.default_name := NULL;
  NEW.default_labels := NULL;
  SELECT v.version_name, v.version_labels INTO NEW.default_name, NEW.default_labels
  FROM entity v WHERE v.xid = left(NEW.xid, -5) || '/versions/' || (NEW.attributes ->> 'defaultversionid');
  RETURN NEW;
END $$;
CREATE TRIGGER entity_default_move BEFORE UPDATE ON entity FOR EACH ROW
  WHEN (NEW.parent_id IS NOT NULL AND NEW.collection <> 'versions'
        AND (OLD.attributes ->> 'defaultversionid') IS DISTINCT FROM (NEW.attributes ->> 'defaultversionid'))
  EXECUTE FUNCTION entity_default_moved();

-- The filters' indexes, on the Resource rows only (the only rows with values). text_pattern_ops
-- so name=<prefix>* is a range whatever the collation (as V9's was).
CREATE INDEX entity_default_name ON entity (default_name text_pattern_ops) WHERE default_name IS NOT NULL;
CREATE INDEX entity_default_labels ON entity USING gin (default_labels) WHERE default_labels IS NOT NULL;

-- The Version-row indexes served only these filters; without them a Version's name or labels
-- are no longer indexed columns, so changing them is a HOT update too.
DROP INDEX entity_version_name;
DROP INDEX entity_version_labels;
ANALYZE entity;
