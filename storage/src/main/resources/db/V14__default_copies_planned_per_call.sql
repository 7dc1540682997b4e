-- xreg schema, version 14: V13's Version insert trigger plans its join at each call (issue 15, I1).
--
-- A PL/pgSQL function keeps the plan of each static statement for the session. V13's insert
-- trigger ran UPDATE entity ... FROM <the statement's inserted rows>, and the kept plan hashed
-- the inserted rows and read the whole entity table (pg_stat_xact_user_tables: one sequential
-- scan of every row per Version INSERT statement), so a bulk load's cost grew with the table at
-- each batch: a 200,000-Resource import took 30 s instead of 20, and a 1,000,000-Resource one
-- into a table of 2,000,000 rows did not finish in 600 s. Run through EXECUTE, the statement is
-- planned at each call with the number of rows the statement wrote known: one index probe per
-- row (planning costs ~0.1 ms per statement, not per row). A statement that inserted no Version
-- returns before any of it. (V8's delete trigger joins entity_count the same way; measured with
-- TriggerPlansTest's method, its kept plan probes by key, so it is left as it is.)

CREATE OR REPLACE FUNCTION entity_default_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM inserted WHERE collection = 'versions') THEN
    RETURN NULL;
  END IF;
  EXECUTE 'UPDATE entity m SET default_name = v.version_name, default_labels = v.version_labels'
    ' FROM inserted v'
    ' WHERE v.collection = ''versions'' AND m.id = v.parent_id AND m.attributes ->> ''defaultversionid'' = v.eid'
    ' AND (m.default_name IS DISTINCT FROM v.version_name OR m.default_labels IS DISTINCT FROM v.version_labels)';
  RETURN NULL;
END $$;
