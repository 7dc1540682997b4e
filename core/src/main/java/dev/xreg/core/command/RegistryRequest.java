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
 */
public record RegistryRequest(
    String method, String path, Map<String, List<String>> query, byte[] body, String contentType,
    Map<String, String> xregistryHeaders) {

  public String flag(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public boolean hasBody() {
    return body != null && body.length > 0;
  }
}
