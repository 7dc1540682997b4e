-- bench/run.sh: direct SQL bulk seed of one Group with many Resources (used only for the
-- R3/R4 Group of --big Resources, where seeding through the API would take too long).
--
-- Fidelity: nothing here invents the row shape. Resource 0 of the Group is created
-- through the API first (POST /<group>/schemas), and every other Resource copies that
-- Resource's rows: the meta row's attributes verbatim, the Version row's attributes with
-- only "name", "description" and "labels" replaced (the same shape the API seeding uses). run.sh
-- then GETs one SQL-made Resource and checks it renders with the same attribute names as
-- the API-made one, so a schema change on the server breaks the harness loudly instead of
-- silently benchmarking a different data shape.
--
-- Variables (psql -v): grp (Group xid, e.g. /schemagroups/big), n (total Resources, >= 2).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE seed_ctx ON COMMIT DROP AS
SELECT g.id AS group_id,
       m.attributes AS meta_attrs,
       v.attributes AS version_attrs,
       (SELECT coalesce(max(id), 0) FROM entity) AS id_floor
FROM entity g
JOIN entity m ON m.xid = :'grp' || '/schemas/r0000000/meta'
JOIN entity v ON v.xid = :'grp' || '/schemas/r0000000/versions/1'
WHERE g.xid = :'grp';

-- Meta rows (collection "schemas", child of the Group), one per Resource.
INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat, attributes)
SELECT c.group_id, 'schemas', 'r' || lpad(i::text, 7, '0'),
       :'grp' || '/schemas/r' || lpad(i::text, 7, '0') || '/meta', 1, now(), now(), c.meta_attrs
FROM seed_ctx c, generate_series(1, :n - 1) AS i;

-- Version "1" of each, child of its meta row.
INSERT INTO entity (parent_id, collection, eid, xid, epoch, createdat, modifiedat, attributes)
SELECT m.id, 'versions', '1', left(m.xid, -length('/meta')) || '/versions/1', 1, now(), now(),
       c.version_attrs || jsonb_build_object(
         'name', 'resource ' || (substr(m.eid, 2)::int)::text,
         'description', 'resource ' || ltrim(substr(m.eid, 2), '0'),
         'labels', jsonb_build_object('k', (substr(m.eid, 2)::int % 100)::text))
FROM seed_ctx c JOIN entity m ON m.parent_id = c.group_id AND m.collection = 'schemas' AND m.id > c.id_floor;

-- The change feed, as the API would have written it ('C' per entity, in id order).
INSERT INTO change_log (xid, epoch, operation)
SELECT e.xid, 1, 'C' FROM entity e, seed_ctx c WHERE e.id > c.id_floor ORDER BY e.id;

-- The Group's epoch/modifiedat bump that a write to its collection causes.
UPDATE entity SET epoch = epoch + 1, modifiedat = now() WHERE xid = :'grp';
COMMIT;
-- The Version inserts update every meta row once more (V13's trigger copies the default
-- Version's name and labels onto it): vacuum so the measured Group is a settled one, as
-- autovacuum would leave it, not one with a dead copy of each Resource row.
VACUUM (ANALYZE) entity;
ANALYZE change_log;
