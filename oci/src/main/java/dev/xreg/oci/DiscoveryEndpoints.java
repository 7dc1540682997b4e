package dev.xreg.oci;

import dev.xreg.storage.content.Reference;
import dev.xreg.storage.content.Referrers;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.content.TagPage;
import dev.xreg.storage.oci.Catalog;
import dev.xreg.storage.oci.ListReferrers;
import dev.xreg.storage.oci.ListTags;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Content discovery: tags/list (OCI-021, OCI-022), {@code _catalog} (OCI-032) and referrers
 * (OCI-023). Lists page by an exclusive {@code last} in byte order with {@code Link: rel="next"}
 * while more remain.
 */
final class DiscoveryEndpoints {
  /** A page is never larger than this, whatever {@code n} asks: a Link leads on. */
  static final int MAX_PAGE = 10_000;
  /** {@code _catalog} without {@code n} pages at this size. */
  static final int DEFAULT_CATALOG_PAGE = 1_000;
  /** Referrers without {@code n} page at this size (the spec lets the registry choose). */
  static final int DEFAULT_REFERRERS_PAGE = 1_000;

  private final OciEngine engine;

  DiscoveryEndpoints(OciEngine engine) {
    this.engine = engine;
  }

  void tags(RoutingContext ctx, RepositoryName name) {
    Integer n = pageSize(ctx, null);
    String last = ctx.request().getParam("last");
    engine.send(new ListTags(name, n, last))
        .onSuccess(page -> {
          link(ctx, page, n, "/" + name.value() + "/tags/list");
          json(ctx, new JsonObject().put("name", name.value()).put("tags", new JsonArray(page.items())));
        })
        .onFailure(e -> OciFailures.respond(ctx, e));
  }

  void catalog(RoutingContext ctx) {
    Integer n = pageSize(ctx, DEFAULT_CATALOG_PAGE);
    engine.send(new Catalog(n, ctx.request().getParam("last")))
        .onSuccess(page -> {
          link(ctx, page, n, "/_catalog");
          // only what the caller may pull (issue 19); a page may come out shorter, its Link still leads on
          dev.xreg.api.Caller caller = dev.xreg.api.Caller.of(ctx);
          java.util.List<String> visible = page.items().stream().filter(r -> caller.may(
              dev.xreg.api.Access.repository(r, dev.xreg.api.Access.Action.READ))).toList();
          json(ctx, new JsonObject().put("repositories", new JsonArray(visible)));
        })
        .onFailure(e -> OciFailures.respond(ctx, e));
  }

  /**
   * OCI-023. The list pages at {@link #DEFAULT_REFERRERS_PAGE} (or a smaller {@code n}) in digest
   * order; the next page's {@code Link} keeps the filter and starts after the page's last digest.
   */
  void referrers(RoutingContext ctx, RepositoryName name, String digest) {
    new Reference.ByDigest(digest); // OCI-023: an invalid digest is 400, never an empty list
    String artifactType = ctx.request().getParam("artifactType");
    int n = pageSize(ctx, DEFAULT_REFERRERS_PAGE);
    engine.send(new ListReferrers(name, digest, artifactType, n, ctx.request().getParam("last")))
        .onSuccess(page -> {
          Referrers referrers = Referrers.of(page.referrers(), artifactType);
          if (referrers.filterApplied()) {
            ctx.response().putHeader("OCI-Filters-Applied", Referrers.ARTIFACT_TYPE_FILTER);
          }
          if (page.hasNext()) {
            String next = "/" + name.value() + "/referrers/" + digest + "?n=" + n + "&last=" + encode(page.nextLast())
                + (referrers.filterApplied() ? "&artifactType=" + encode(artifactType) : "");
            ctx.response().putHeader("Link", "<" + engine.url(ctx, next) + ">; rel=\"next\"");
          }
          ctx.response().putHeader("Content-Type", Referrers.MEDIA_TYPE).end(Buffer.buffer(referrers.bytes()));
        })
        .onFailure(e -> OciFailures.respond(ctx, e));
  }

  /** {@code n}, clamped to {@link #MAX_PAGE}; {@code dflt} when absent. */
  private static Integer pageSize(RoutingContext ctx, Integer dflt) {
    String text = ctx.request().getParam("n");
    if (text == null || text.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      throw new OciErrorResponse(400, OciError.UNSUPPORTED, "n must be a non-negative integer, got '" + text + "'");
    }
    return Math.min(n, MAX_PAGE);
  }

  private void link(RoutingContext ctx, TagPage page, Integer n, String path) {
    if (page.hasNext()) {
      String next = path + "?n=" + n + "&last=" + encode(page.nextLast());
      ctx.response().putHeader("Link", "<" + engine.url(ctx, next) + ">; rel=\"next\"");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
