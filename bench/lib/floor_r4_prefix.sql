-- PG-R4-prefix (bench/run.sh): PostgreSQL's own floor for ?filter=name=resource <k>* with k in
-- 10,000..n/10 (111 matches of 1,000,000): a range of the name index, planned for the value
-- (run.sh uses pgbench -M extended: a generic plan cannot use the index for LIKE $1). Fewer
-- matches than a page, so the page gives the count. See floor_r3.sql.
\set hi greatest(1, (:n - 1) / 10)
\set k random(least(10000, :hi), :hi)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity d JOIN entity m ON m.id = d.parent_id
WHERE d.collection = 'versions' AND lower(d.attributes ->> 'name') LIKE 'resource ' || :k || '%'
  AND m.parent_id = :gid AND m.collection = 'schemas' AND d.eid = m.attributes ->> 'defaultversionid'
ORDER BY m.eid COLLATE "C" LIMIT 1001;
