-- Filters on a Resource's most common attributes served by indexes (issue 15, R4). A Resource's
-- attributes are its default Version's, so a filter such as name=x used to evaluate a subquery for
-- every Resource of the collection (1,000,000 probes for a page of one match). These indexes
-- over Version rows give the planner a superset of candidate Resources (the parents of Versions
-- that could match); the exact predicate is still applied to each candidate.
--
-- Each indexed expression also has statistics of its own (PostgreSQL 14+): without them the
-- planner guesses every such condition selects 0.5% of the rows, and then drives a broad
-- filter (name=a*, matching a tenth of a Group) from the index, visiting every match, where
-- walking the collection in order stops after a page of them.

-- name: equality and prefixes (name=x, name=x*), compared lowercased like every filter string;
-- text_pattern_ops so LIKE 'prefix%' is a range of the btree whatever the database's collation.
CREATE INDEX entity_version_name ON entity (lower(attributes ->> 'name') text_pattern_ops)
  WHERE collection = 'versions';
CREATE STATISTICS entity_version_name_stats ON (lower(attributes ->> 'name')) FROM entity;

-- labels: one "<key>=<lowercased value>" element per label (keys are case-sensitive names,
-- label values are strings), so labels.<key>=<value> is a containment test on a GIN index.
CREATE FUNCTION xreg_label_pairs(attributes jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(l.key || '=' || lower(l.value)), '{}')
  FROM jsonb_each_text(CASE jsonb_typeof(attributes -> 'labels') WHEN 'object' THEN attributes -> 'labels'
                       ELSE '{}'::jsonb END) AS l
$$;
CREATE INDEX entity_version_labels ON entity USING gin (xreg_label_pairs(attributes))
  WHERE collection = 'versions';
CREATE STATISTICS entity_version_labels_stats ON (xreg_label_pairs(attributes)) FROM entity;
