-- PG-R1-miss (bench/lib/oci_rows.sh): PostgreSQL's own floor for R1-miss (GET one Resource
-- $details with the node cache off). The one statement xreg sends for that request, captured
-- with log_statement=all (2026-12-06): the registry row, the Resource's meta row and its default
-- Version joined in one round trip, with the Version count. Replayed by pgbench (-M prepared, as
-- xreg prepares it) from the other core on random Resources of Group g1: no HTTP, no JVM. Set
-- against B-PG (bare Vert.x plus one primary-key SELECT of a row of R1's size), it says what
-- share of B-PG PostgreSQL alone allows R1-miss.
\set k random(0, :n - 1)
SELECT r.registryid AS r_registryid, r.epoch AS r_epoch, r.createdat AS r_createdat, r.modifiedat AS r_modifiedat, r.attributes::text AS r_attributes, r.modelsource::text AS r_modelsource, r.capabilities::text AS r_capabilities, e.id, e.parent_id, e.eid, e.xid, e.epoch, e.createdat, e.modifiedat, e.attributes::text AS attributes, e.document, d.id AS d_id, d.parent_id AS d_parent_id, d.eid AS d_eid, d.xid AS d_xid, d.epoch AS d_epoch, d.createdat AS d_createdat, d.modifiedat AS d_modifiedat, d.attributes::text AS d_attributes, d.document AS d_document, (SELECT c.n FROM entity_count c WHERE c.parent_id = e.id AND c.collection = 'versions') AS versions FROM registry r LEFT JOIN entity e ON e.xid = '/schemagroups/g1/schemas/r' || lpad(:k::text, 7, '0') || '/meta' LEFT JOIN entity d ON d.xid = left(e.xid, -5) || '/versions/' || coalesce(NULL::text, e.attributes ->> 'defaultversionid') WHERE r.id = 1;
