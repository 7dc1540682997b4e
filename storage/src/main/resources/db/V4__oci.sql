-- xreg schema, version 4: OCI Distribution content (issue 14, checklist OCI-001..034, section 6).
-- Blob bytes live in the BlobStore, content-addressed; these tables hold what the /v2/ API and
-- garbage collection look up. Every row a push creates carries a creation time, so a collector
-- can give fresh content a grace period. Names and tags compare byte-wise (COLLATE "C"), which is
-- Go's sort.Strings order that tags/list and _catalog page in (OCI-021, OCI-022, OCI-032).

CREATE TABLE oci_repository (
  id         bigserial PRIMARY KEY,
  name       text COLLATE "C" NOT NULL UNIQUE,  -- the unique index serves _catalog keyset pages
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A blob is readable in a repository only through a link (OCI-005 repository scoping): pushed
-- there, or mounted from another repository (OCI-016). The size is kept so HEAD needs no disk.
CREATE TABLE oci_blob_link (
  repository_id bigint NOT NULL REFERENCES oci_repository (id) ON DELETE CASCADE,
  digest        text COLLATE "C" NOT NULL,
  size          bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository_id, digest)
);
-- anonymous mounts and the collector ask "is this blob linked anywhere"
CREATE INDEX oci_blob_link_digest ON oci_blob_link (digest);

-- A manifest's exact pushed bytes (OCI-003, OCI-018) and what referrers report (OCI-023).
CREATE TABLE oci_manifest (
  repository_id  bigint NOT NULL REFERENCES oci_repository (id) ON DELETE CASCADE,
  digest         text COLLATE "C" NOT NULL,
  media_type     text NOT NULL,
  size           bigint NOT NULL,
  content        bytea NOT NULL,
  subject        text COLLATE "C",
  artifact_type  text,
  annotations    jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository_id, digest)
);
CREATE INDEX oci_manifest_subject ON oci_manifest (repository_id, subject, digest) WHERE subject IS NOT NULL;

-- What a manifest references: its config and layers, and an index's child manifests. The
-- collector marks from these; a blob delete can tell whether a manifest still needs the blob.
CREATE TABLE oci_manifest_blob (
  repository_id   bigint NOT NULL,
  manifest_digest text COLLATE "C" NOT NULL,
  blob_digest     text COLLATE "C" NOT NULL,
  PRIMARY KEY (repository_id, manifest_digest, blob_digest),
  FOREIGN KEY (repository_id, manifest_digest) REFERENCES oci_manifest (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX oci_manifest_blob_by_blob ON oci_manifest_blob (repository_id, blob_digest);

CREATE TABLE oci_manifest_child (
  repository_id   bigint NOT NULL,
  manifest_digest text COLLATE "C" NOT NULL,
  child_digest    text COLLATE "C" NOT NULL,
  PRIMARY KEY (repository_id, manifest_digest, child_digest),
  FOREIGN KEY (repository_id, manifest_digest) REFERENCES oci_manifest (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX oci_manifest_child_by_child ON oci_manifest_child (repository_id, child_digest);

-- Tags are case-sensitive (OCI-003); deleting a manifest deletes its tags (OCI-025). The primary
-- key's order is the tags/list order, so a page is one index range scan after `last`.
CREATE TABLE oci_tag (
  repository_id   bigint NOT NULL,
  name            text COLLATE "C" NOT NULL,
  manifest_digest text COLLATE "C" NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository_id, name),
  FOREIGN KEY (repository_id, manifest_digest) REFERENCES oci_manifest (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX oci_tag_by_manifest ON oci_tag (repository_id, manifest_digest);

-- Upload sessions (OCI-008..015). The bytes so far are in the BlobStore under the same ID; this
-- row binds the ID to its repository, so an upload resumes after a restart or on another node.
CREATE TABLE oci_upload (
  id            text COLLATE "C" PRIMARY KEY,
  repository_id bigint NOT NULL REFERENCES oci_repository (id) ON DELETE CASCADE,
  size          bigint NOT NULL DEFAULT 0,
  started_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- the collector removes uploads idle for longer than XREG_UPLOAD_TTL_SECONDS
CREATE INDEX oci_upload_updated ON oci_upload (updated_at);
