-- xreg schema, version 5: what the OCI garbage collector looks up (issue 14, "Garbage collection").
-- Before it deletes a blob's bytes the collector asks whether any manifest of any repository still
-- names the blob; the V4 index leads with the repository, so that question needs its own index.
CREATE INDEX oci_manifest_blob_digest ON oci_manifest_blob (blob_digest);
