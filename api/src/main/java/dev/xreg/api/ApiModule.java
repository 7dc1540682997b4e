package dev.xreg.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;
import io.vertx.ext.web.RoutingContext;

/**
 * One HTTP API over the engine (xRegistry, OCI Distribution, App Registry), as the server
 * assembles it: the server mounts {@link #router} at {@link #mountPath()} below the API's
 * {@link Mount}, times requests with {@link #routeTemplate}, and asks the API to answer
 * failures the HTTP layer itself detects (codec errors, timeouts) in the API's own error
 * format with {@link #failure}. API modules implement this and never import each other.
 */
public interface ApiModule {

  /** Where an API lives in the URL space. */
  enum Mount {
    /** Below the configured base path ({@code XREG_BASE_PATH}), like the xRegistry tree. */
    BASE_PATH,
    /** At the host root whatever the base path: OCI clients always call {@code host/v2/}. */
    HOST_ROOT
  }

  /** A short stable name for logs and metrics: {@code xregistry}, {@code oci}, {@code cnr}. */
  String name();

  Mount mount();

  /**
   * The path the router is mounted at, relative to the mount: {@code "/"} takes everything
   * below it that no other API took; {@code "/v2"}, {@code "/cnr"} a prefix.
   */
  String mountPath();

  /** The API's routes; called once per server verticle instance. */
  Router router(ApiContext context);

  /**
   * A low-cardinality label for a request path below {@link #mountPath()} (metrics:
   * {@code /v2/{name}/blobs/{digest}}, never a repository name or an ID).
   */
  String routeTemplate(String path);

  /**
   * Ends {@code ctx} with {@code status} in this API's error format, for failures the HTTP
   * layer found before the API's handlers ran (a malformed request, a body over the limit).
   */
  void failure(RoutingContext ctx, int status, String detail);

  /**
   * What a request does, for authorization (issue 19): {@code path} is below {@link #mountPath()}
   * (as for {@link #routeTemplate}). Every access listed must be allowed; an empty list needs no
   * permission at all. The default suits small APIs below the base path: reads need {@code read}
   * and anything else {@code admin} on the API's mount path.
   */
  default List<Access> access(HttpMethod method, String path, MultiMap params) {
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    return List.of(Access.registry(mountPath(), read ? Access.Action.READ : Access.Action.ADMIN));
  }

  /**
   * Ends {@code ctx} with an authorization refusal in this API's error format: {@code 401} (no or
   * bad credentials; the server set the {@code WWW-Authenticate} challenge already), {@code 403}
   * (known but not allowed) or {@code 404} (may not even learn that it exists).
   */
  default void refuse(RoutingContext ctx, int status, String detail) {
    failure(ctx, status, detail);
  }

  /**
   * Called once as the server verticle that asked for {@link #router} stops, before the storage
   * engine closes: an API ends its background work here (the events API gives back its delivery
   * leases). The default has nothing to stop.
   */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
