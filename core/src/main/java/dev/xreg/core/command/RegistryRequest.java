package dev.xreg.core.command;

import java.util.List;
import java.util.Map;

/**
 * One xRegistry API request with the HTTP specifics removed: what storage needs to
 * execute it in one transaction. Built by the HTTP layer, sent over the event bus by
 * reference (local codec).
 *
 * @param path the path below the registry root, starting with '/'
 * @param query the query parameters (flags)
 * @param body the raw request body, empty when none was sent
 * @param xregistryHeaders {@code xRegistry-*} headers, name lowercased without the prefix, value decoded
 * @param preconditions the request's {@code If-Match} / {@code If-None-Match}; checked inside the write transaction
 * @param admin the request proved the configured admin token (docs/spec-decisions.md D4): it may set
 *     {@code meta.readonly} and write read-only Resources
 */
public record RegistryRequest(
    String method, String path, Map<String, List<String>> query, byte[] body, String contentType,
    Map<String, String> xregistryHeaders, Preconditions preconditions, boolean admin) {

  public RegistryRequest {
    preconditions = preconditions == null ? Preconditions.NONE : preconditions;
  }

  /** A request without HTTP preconditions, by a non-admin client. */
  public RegistryRequest(String method, String path, Map<String, List<String>> query, byte[] body,
      String contentType, Map<String, String> xregistryHeaders) {
    this(method, path, query, body, contentType, xregistryHeaders, Preconditions.NONE, false);
  }

  public String flag(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public boolean hasBody() {
    return body != null && body.length > 0;
  }
}
