package dev.xreg.core.write;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document-mode write (no {@code $details}): the body is the document, and the
 * {@code xRegistry-*} headers, already decoded into attributes, are PATCH-like metadata.
 */
public record DocumentInput(byte[] body, String contentType, ObjectNode headerAttributes) {
}
