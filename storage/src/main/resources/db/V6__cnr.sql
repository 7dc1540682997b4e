-- xreg schema, version 7: the App Registry (CNR / appr, issue 17, checklist CNR-001..021, section 6).
-- A package is an OCI repository of kind "application": its row here is what makes it one. A
-- release is an OCI tag on an image index with one child manifest per media type (V4 tables);
-- cnr_release indexes those children by (release, media type) with what the CNR API shows and
-- the digest of the uncompressed tar that CNR clients address blobs by (CNR-012). Channels are
-- their own table, so they never appear in the OCI tag list.

CREATE TABLE cnr_package (
  repository_id bigint PRIMARY KEY REFERENCES oci_repository (id) ON DELETE CASCADE,
  visibility    text NOT NULL DEFAULT 'public',
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cnr_release (
  repository_id   bigint NOT NULL REFERENCES cnr_package (repository_id) ON DELETE CASCADE,
  release         text COLLATE "C" NOT NULL,
  media_type      text COLLATE "C" NOT NULL,   -- the short name: helm, kpm, docker-compose
  manifest_digest text COLLATE "C" NOT NULL,   -- the child manifest in the release's index
  blob_digest     text COLLATE "C" NOT NULL,   -- the tar.gz as stored (sha256:...)
  content_digest  text COLLATE "C" NOT NULL,   -- sha256 hex of the uncompressed tar (content.digest)
  size            bigint NOT NULL,             -- of the tar.gz
  metadata        jsonb,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (repository_id, release, media_type),
  -- deleting the child through /v2/ takes the CNR view of it along
  FOREIGN KEY (repository_id, manifest_digest) REFERENCES oci_manifest (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX cnr_release_content ON cnr_release (repository_id, content_digest);

CREATE TABLE cnr_channel (
  repository_id bigint NOT NULL REFERENCES cnr_package (repository_id) ON DELETE CASCADE,
  name          text COLLATE "C" NOT NULL,
  current       text COLLATE "C" NOT NULL,
  PRIMARY KEY (repository_id, name)
);

CREATE TABLE cnr_channel_release (
  repository_id bigint NOT NULL,
  channel       text COLLATE "C" NOT NULL,
  release       text COLLATE "C" NOT NULL,
  PRIMARY KEY (repository_id, channel, release),
  FOREIGN KEY (repository_id, channel) REFERENCES cnr_channel (repository_id, name) ON DELETE CASCADE
);
