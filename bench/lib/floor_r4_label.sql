-- PG-R4-label (bench/run.sh): PostgreSQL's own floor for ?filter=labels.k=<0..99> (1% of the
-- Group, 10,000 of 1,000,000): the default page (1,000, XREG_MAX_PAGE_SIZE) of matching Resources
-- in ID order from the index on the Resource rows' copy of their default Version's label pairs
-- (V13, entity_default_labels), and their count (more matches than a page, so the count is a
-- second walk). See floor_r3.sql.
\set v random(0, 99)
SELECT m.xid, m.epoch, m.createdat, m.modifiedat, m.attributes, d.attributes
FROM entity m JOIN entity d ON d.xid = left(m.xid, -5) || '/versions/' || (m.attributes ->> 'defaultversionid')
WHERE m.parent_id = :gid AND m.collection = 'schemas' AND m.default_labels @> ARRAY['k=' || :v]
ORDER BY m.eid COLLATE "C" LIMIT 1001;
SELECT count(*) FROM entity m WHERE m.parent_id = :gid AND m.collection = 'schemas' AND m.default_labels @> ARRAY['k=' || :v];
