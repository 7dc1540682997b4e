-- xreg schema, version 3: three lookups by value.

-- shortself (spec.md "shortself Attribute"): every entity has a short alias of its self URL,
-- <base>/-/<code>, where <code> is the first 8 bytes of SHA-256 of the UTF-8 bytes of the
-- entity's xid (for a Resource, whose row is its meta row, the Resource's xid), base64url
-- without padding. The serializer computes the same code from the xid alone (core ShortSelf),
-- so rendering reads nothing; following an alias finds the entity through this index. The
-- code depends only on the xid: immutable for the entity's lifetime, kept across capability
-- toggles. Declared IMMUTABLE because it is (convert_to to a fixed encoding is deterministic).
CREATE FUNCTION xreg_shortid(identity text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(encode(substring(sha256(convert_to(identity, 'UTF8')) FROM 1 FOR 8), 'base64'), '+/=', '-_')
$$;
CREATE INDEX entity_shortid ON entity (xreg_shortid(
  CASE WHEN parent_id IS NOT NULL AND collection <> 'versions' THEN left(xid, -5) ELSE xid END));

-- Cross-reference sources by target (meta.xref): a write to a target finds the Resources that
-- show it, e.g. to apply their Groups' constraints (CORE-XREF-007). Partial: few rows are xrefs.
CREATE INDEX entity_xref_source ON entity ((attributes ->> 'xref')) WHERE attributes ? 'xref';

-- A filter on a collection's ID attribute (?filter=fileid=x, IDs compare ignoring case) is an
-- index probe within the parent's collection instead of a scan of it (issue 8, R4).
CREATE INDEX entity_child_by_lower_id ON entity (parent_id, collection, lower(eid));
