-- PG-I1 (bench/run.sh): PostgreSQL's own floor for I1 (the import). One transaction per batch of
-- 1,000 Resources, as xreg writes them (bench/README "Where an import spends its time"): the
-- ignoring-case ID probe, the Resources' meta rows (with their default Version's V13 copies) and
-- their change-feed rows in one statement, the Versions' rows the same way, and the xref-target
-- probe. One client, as an import is one stream. The rows are generated in SQL (xreg sends them
-- as arrays) into Group `floor`, next to the rows the I1 import wrote; the Versions find their
-- meta rows by xid (1,000 index probes xreg does not need, since it has their ids). As in xreg's
-- import, a meta row is written with its default Version's V13 copies, computed from the same
-- attributes its Version gets, so V14's trigger finds nothing to update (a mismatch costs an
-- UPDATE per Resource). Resources/s = transactions/s x 1,000. (JSON is built with jsonb_build_object: pgbench reads ":name" in a
-- literal as a variable.)
\set b random(1, 2000000000)
BEGIN;
SELECT e.eid FROM unnest(ARRAY(SELECT lower('f' || :b || '-' || g) FROM generate_series(1, 1000) g)) AS t(x), LATERAL (SELECT eid FROM entity WHERE COALESCE(parent_id, 0) = (SELECT id FROM entity WHERE xid = '/schemagroups/floor') AND collection = 'schemas' AND lower(eid) = t.x LIMIT 1) e;
WITH ins AS (INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat, attributes, document, default_name, default_labels) SELECT (SELECT id FROM entity WHERE xid = '/schemagroups/floor'), 'schemas', 'f' || :b || '-' || g, '/schemagroups/floor/schemas/f' || :b || '-' || g || '/meta', 1, now(), now(), jsonb_build_object('readonly', false, '$versioncounter', 1, 'defaultversionid', '1', 'defaultversionsticky', false), NULL, NULL, xreg_label_pairs(jsonb_build_object('description', 'resource ' || g, 'labels', jsonb_build_object('k', (g % 100)::text))) FROM generate_series(1, 1000) g RETURNING id, xid, epoch), feed AS (INSERT INTO change_log (xid, epoch, operation, correlation) SELECT xid, epoch, 'C', 'floor' FROM ins) SELECT count(*) FROM ins;
WITH ins AS (INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat, attributes, document) SELECT m.id, 'versions', '1', left(m.xid, -5) || '/versions/1', 1, now(), now(), jsonb_build_object('description', 'resource ' || split_part(m.eid, '-', 2), 'labels', jsonb_build_object('k', (split_part(m.eid, '-', 2)::int % 100)::text)), NULL FROM entity m WHERE m.xid = ANY(ARRAY(SELECT '/schemagroups/floor/schemas/f' || :b || '-' || g || '/meta' FROM generate_series(1, 1000) g)) RETURNING id, xid, epoch), feed AS (INSERT INTO change_log (xid, epoch, operation, correlation) SELECT xid, epoch, 'C', 'floor' FROM ins) SELECT count(*) FROM ins;
SELECT id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document, xref AS xref_target FROM entity WHERE xref IS NOT NULL AND xref = ANY(ARRAY(SELECT '/schemagroups/floor/schemas/f' || :b || '-' || g FROM generate_series(1, 1000) g)) ORDER BY xid;
END;
