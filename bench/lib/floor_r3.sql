-- PG-R3 (bench/run.sh): PostgreSQL's own floor for an R3 page. The least SQL any server on this
-- schema runs for a page of 100 Resources at a random position: the page of meta rows in ID
-- order joined with each one's default Version (a Resource's attributes are its default
-- Version's), and the kept collection size for the count. Replayed by pgbench from the other
-- core, so no HTTP, no JVM and no rendering: what PostgreSQL alone answers per second.
\set k random(0, :n - 1)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity m JOIN entity d ON d.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid')
WHERE m.parent_id = :gid AND m.collection = 'schemas' AND m.eid COLLATE "C" > 'r' || lpad(:k::text, 7, '0')
ORDER BY m.eid COLLATE "C" LIMIT 101;
SELECT n FROM entity_count WHERE parent_id = :gid AND collection = 'schemas';
