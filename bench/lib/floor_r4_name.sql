-- PG-R4-name (bench/run.sh): PostgreSQL's own floor for ?filter=name=resource <random>: a probe
-- of the index on the Resource rows' copy of their default Version's lowercased name (V13,
-- entity_default_name), joined with the default Version. One match, so the page gives the
-- count. See floor_r3.sql.
\set k random(0, :n - 1)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity m JOIN entity d ON d.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid')
WHERE m.parent_id = :gid AND m.collection = 'schemas' AND m.default_name = 'resource ' || :k
ORDER BY m.eid COLLATE "C" LIMIT 1001;
