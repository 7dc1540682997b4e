-- PG-R4-name (bench/run.sh): PostgreSQL's own floor for ?filter=name=resource <random>: the
-- Versions with that name from their name index, kept when they are their Resource's default
-- and the Resource is in the Group. One match, so the page gives the count. See floor_r3.sql.
\set k random(0, :n - 1)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity d JOIN entity m ON m.id = d.parent_id
WHERE d.collection = 'versions' AND lower(d.attributes ->> 'name') = 'resource ' || :k
  AND m.parent_id = :gid AND m.collection = 'schemas' AND d.eid = m.attributes ->> 'defaultversionid'
ORDER BY m.eid COLLATE "C" LIMIT 1001;
