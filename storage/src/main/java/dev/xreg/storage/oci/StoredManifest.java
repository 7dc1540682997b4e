package dev.xreg.storage.oci;

/**
 * A manifest as stored: the exact pushed bytes (OCI-003) with their digest and media type,
 * and the subject it refers to (null when none), for the {@code OCI-Subject} header.
 */
public record StoredManifest(String digest, String mediaType, byte[] content, String subject) {
}
