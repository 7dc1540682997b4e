package dev.xreg.storage.cnr;

import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.content.Manifest;
import java.time.Instant;

/**
 * One pushed (release, media type) laid out as OCI content (checklist section 6): the tar.gz as
 * the layer, a small JSON config, and the child manifest referencing both. The API stores the two
 * blobs in the BlobStore first; {@link PushRelease} then links them, stores the manifest and
 * rebuilds the release's index in one transaction.
 *
 * @param contentDigest sha256 hex of the uncompressed tar, the CNR blob address (CNR-012)
 * @param metadata      the push's {@code metadata} as JSON text, or null
 */
public record PackageArtifact(String release, PackageMediaType mediaType, Digest layerDigest, long layerSize,
    String contentDigest, byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest,
    Manifest parsedManifest, String metadata, Instant createdAt) {
}
