package dev.xreg.core.command;

import java.util.List;
import java.util.Map;

/**
 * One xRegistry API request as the engine takes it: the typed {@link Target} and
 * {@link Operation} the API module chose from its route, and the request's data. Pure
 * data, no I/O; sent to the engine by reference (local codec) inside an xRegistry command.
 *
 * @param target what kind of thing the request addresses
 * @param operation what it does to it
 * @param path the path below the registry root, starting with '/'
 * @param query the query parameters (flags)
 * @param body the raw request body, empty when none was sent
 * @param xregistryHeaders {@code xRegistry-*} headers, name lowercased without the prefix, value decoded
 * @param preconditions the request's {@code If-Match} / {@code If-None-Match}; checked inside the write transaction
 * @param admin the request proved the configured admin token (docs/spec-decisions.md D4): it may set
 *     {@code meta.readonly} and write read-only Resources
 */
public record RegistryRequest(
    Target target, Operation operation, String path, Map<String, List<String>> query, byte[] body, String contentType,
    Map<String, String> xregistryHeaders, Preconditions preconditions, boolean admin) {

  public RegistryRequest {
    java.util.Objects.requireNonNull(target, "target");
    java.util.Objects.requireNonNull(operation, "operation");
    preconditions = preconditions == null ? Preconditions.NONE : preconditions;
  }

  /** A request without HTTP preconditions, by a non-admin client. */
  public RegistryRequest(Target target, Operation operation, String path, Map<String, List<String>> query,
      byte[] body, String contentType, Map<String, String> xregistryHeaders) {
    this(target, operation, path, query, body, contentType, xregistryHeaders, Preconditions.NONE, false);
  }

  /** A read of {@code target} at {@code path} with {@code query} flags, nothing else. */
  public static RegistryRequest read(Target target, String path, Map<String, List<String>> query) {
    return new RegistryRequest(target, Operation.READ, path, query, new byte[0], null, Map.of());
  }

  public String flag(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public boolean hasBody() {
    return body != null && body.length > 0;
  }
}
