-- PG-W1 (bench/run.sh): PostgreSQL's own floor for W1 (PATCH one attribute of a Resource). The
-- statements xreg sends for that PATCH, captured with log_statement=all (2026-12-06) and replayed
-- by pgbench (-M prepared, as xreg prepares them) from the other core: no HTTP, no JVM. In order:
-- the registry row, the Group plus the Resource's meta row locked (one statement), the
-- Resource's Versions, the UPDATE of the default Version (its V13 trigger copies it into the meta
-- row), the xref sources, the change-feed row. Two liberties, neither cheaper for PostgreSQL:
-- pgbench keeps only the last row of a result (\aset), so the UPDATE finds the default Version by
-- (parent, eid) where xreg names its id, and merges the new description into the stored
-- attributes instead of sending them whole. Left out: the change notice, which xreg batches over
-- many writes on a connection of its own without a WAL flush (ChangeNoticeSender).
\set k random(0, :n - 1)
BEGIN;
SELECT r.registryid AS r_registryid, r.epoch AS r_epoch, r.createdat AS r_createdat, r.modifiedat AS r_modifiedat, r.attributes::text AS r_attributes, r.modelsource::text AS r_modelsource, r.capabilities::text AS r_capabilities FROM registry r WHERE r.id = 1;
WITH locked AS (SELECT id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document FROM entity WHERE xid = '/schemagroups/g1/schemas/r' || lpad(:k::text, 7, '0') || '/meta' FOR NO KEY UPDATE) SELECT id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document FROM entity WHERE xid = '/schemagroups/g1' UNION ALL SELECT * FROM locked \aset
SELECT e.id, e.parent_id, e.eid, e.xid, e.epoch, e.createdat, e.modifiedat, e.attributes::text AS attributes, e.document FROM entity e WHERE e.parent_id = :id AND e.collection = 'versions' ORDER BY e.eid COLLATE "C";
UPDATE entity n SET epoch = n.epoch + 1, createdat = n.createdat, modifiedat = now(), attributes = n.attributes || jsonb_build_object('description', 'w1 ' || :k), document = NULL FROM entity o WHERE n.parent_id = :id AND n.collection = 'versions' AND n.eid = :attributes::jsonb ->> 'defaultversionid' AND o.id = n.id RETURNING o.epoch, o.createdat, o.modifiedat, o.attributes::text AS attributes, (o.document IS DISTINCT FROM n.document) AS document_changed, (n.collection = 'versions' AND (SELECT p.attributes ->> 'defaultversionid' FROM entity p WHERE p.id = n.parent_id) = n.eid) AS is_default;
SELECT id, parent_id, eid, xid, epoch, createdat, modifiedat, attributes::text AS attributes, document, xref AS xref_target FROM entity WHERE xref IS NOT NULL AND xref = ANY(ARRAY['/schemagroups/g1/schemas/r' || lpad(:k::text, 7, '0')]) ORDER BY xid;
INSERT INTO change_log (xid, epoch, operation, changed, correlation) SELECT x, ep, op, CASE WHEN c IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(c::jsonb)) END, gen_random_uuid()::text FROM unnest(ARRAY['/schemagroups/g1/schemas/r' || lpad(:k::text, 7, '0') || '/versions/' || (:attributes::jsonb ->> 'defaultversionid')], ARRAY[1::bigint], ARRAY['U'], ARRAY['["$default","epoch","modifiedat"]']) WITH ORDINALITY AS t(x, ep, op, c, ord) ORDER BY ord;
END;
