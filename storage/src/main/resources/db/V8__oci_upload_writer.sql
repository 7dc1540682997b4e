-- One write at a time per upload session, across nodes (issue 18): a chunk or the closing PUT
-- claims the session row before it touches the upload's bytes, renews the claim while they flow
-- and clears it when it is answered. A claim older than the store's WRITE_CLAIM is a dead
-- writer's and may be taken over. Without this, two nodes appending to one upload at once would
-- both write after the same offset and the later one would win silently.
ALTER TABLE oci_upload ADD COLUMN writer text, ADD COLUMN writing_since timestamptz;
