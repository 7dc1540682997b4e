-- Collection sizes kept by the writes themselves (issue 15). Counting a collection of 1,000,000
-- Resources read every one of its index entries (or the whole table, whenever the planner
-- judged the visibility map too stale for an index-only scan): half a second for each page's
-- "count" link parameter and each read of the Group's "<collection>count". A row here is one
-- collection's size; statement-level triggers keep it in the same transaction as the rows, so
-- every snapshot sees counts and rows agree, and a multi-row INSERT (imports) costs one
-- aggregate per statement, not one update per row.
CREATE TABLE entity_count (
  parent_id  bigint NOT NULL, -- 0 for the Registry's own collections (its Groups)
  collection text   NOT NULL,
  n          bigint NOT NULL,
  PRIMARY KEY (parent_id, collection)
);

INSERT INTO entity_count (parent_id, collection, n)
SELECT COALESCE(parent_id, 0), collection, count(*) FROM entity GROUP BY 1, 2;

-- Rows are upserted in key order, so two writers of the same collections lock them in the same
-- order; a deadlock between writers of different orders is retried by the store like any other.
CREATE FUNCTION entity_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO entity_count AS c (parent_id, collection, n)
  SELECT COALESCE(parent_id, 0), collection, count(*) FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (parent_id, collection) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END
$$;

-- A deleted entity's own collections go with it (their rows' cascade may run before or after).
CREATE FUNCTION entity_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE entity_count c SET n = c.n - d.n
  FROM (SELECT COALESCE(parent_id, 0) AS parent_id, collection, count(*) AS n FROM deleted GROUP BY 1, 2) d
  WHERE c.parent_id = d.parent_id AND c.collection = d.collection;
  DELETE FROM entity_count c USING deleted d WHERE c.parent_id = d.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER entity_count_insert AFTER INSERT ON entity REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION entity_count_inserted();
CREATE TRIGGER entity_count_delete AFTER DELETE ON entity REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION entity_count_deleted();
