-- xreg schema, version 1: the registry row, the entity tree, the change feed.

CREATE TABLE registry (
  id           smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  registryid   text        NOT NULL,
  epoch        bigint      NOT NULL,
  createdat    timestamptz NOT NULL,
  modifiedat   timestamptz NOT NULL,
  attributes   jsonb       NOT NULL DEFAULT '{}',
  modelsource  jsonb       NOT NULL DEFAULT '{}',
  capabilities jsonb       NOT NULL
);

-- Groups (parent_id NULL), Resources with their meta (parent = Group) and Versions
-- (parent = Resource, collection 'versions'). attributes holds the spec attributes by name.
CREATE TABLE entity (
  id          bigserial   PRIMARY KEY,
  parent_id   bigint      REFERENCES entity (id) ON DELETE CASCADE,
  collection  text        NOT NULL,
  eid         text        NOT NULL,
  xid         text        NOT NULL,
  epoch       bigint      NOT NULL,
  createdat   timestamptz NOT NULL,
  modifiedat  timestamptz NOT NULL,
  attributes  jsonb       NOT NULL,
  document    bytea
);

-- Entity lookup by path: every single-entity read is one probe of this index.
CREATE UNIQUE INDEX entity_by_xid ON entity (xid);
-- IDs are unique case-insensitively among siblings (CORE-ID-002); lookups stay case-sensitive.
CREATE UNIQUE INDEX entity_sibling_id ON entity (COALESCE(parent_id, 0), collection, lower(eid));
-- Collection pages and counts: children of one parent in one collection, in ID order (keyset).
CREATE INDEX entity_children ON entity (parent_id, collection, eid COLLATE "C");

-- Append-only change feed: one row per entity written or deleted, in commit order per transaction.
CREATE TABLE change_log (
  seq        bigserial   PRIMARY KEY,
  xid        text        NOT NULL,
  epoch      bigint,
  operation  char(1)     NOT NULL CHECK (operation IN ('C', 'U', 'D')),
  at         timestamptz NOT NULL DEFAULT now()
);
