-- PG-R4 (bench/run.sh): PostgreSQL's own floor for R4 (?filter=schemaid=<random>): one probe of
-- the collection's ID index (IDs compare ignoring case) joined with the default Version. At most
-- one match, so the page itself gives the count. See floor_r3.sql for what a floor row is.
\set k random(0, :n - 1)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity m JOIN entity d ON d.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid')
WHERE m.parent_id = :gid AND m.collection = 'schemas' AND lower(m.eid) = lower('r' || lpad(:k::text, 7, '0'))
ORDER BY m.eid COLLATE "C" LIMIT 1001;
