-- PG-R4-prefix (bench/run.sh): PostgreSQL's own floor for ?filter=name=resource <k>* with k in
-- 10,000..n/10 (111 matches of 1,000,000): a range of entity_default_name (V13), planned for the
-- value (run.sh uses pgbench -M extended: a generic plan cannot use the index for LIKE $1). Fewer
-- matches than a page, so the page gives the count. See floor_r3.sql.
\set hi greatest(1, (:n - 1) / 10)
\set k random(least(10000, :hi), :hi)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity m JOIN entity d ON d.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid')
WHERE m.parent_id = :gid AND m.collection = 'schemas' AND m.default_name LIKE 'resource ' || :k || '%'
ORDER BY m.eid COLLATE "C" LIMIT 1001;
