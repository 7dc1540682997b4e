package dev.xreg.xregistry.impl;

import dev.xreg.core.command.Preconditions;
import dev.xreg.core.command.Reply;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.render.ETags;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP conditional requests on the reply side: every single-entity response carries the
 * strong {@code ETag} of its representation (a GET that inlines children does not: they can change without it); a GET/HEAD whose {@code If-None-Match} matches is answered 304 with no
 * body, and one whose {@code If-Match} does not hold gets 412. (Writes were already checked
 * inside their transaction by storage.)
 */
final class ConditionalResponses {
  private ConditionalResponses() {
  }

  static Preconditions of(RoutingContext ctx) {
    return Preconditions.parse(ctx.request().headers().getAll("If-Match"),
        ctx.request().headers().getAll("If-None-Match"));
  }

  /**
   * Sets the ETag of the representation about to be sent: the entity's tag qualified by the
   * media type (JSON, YAML; none for a document, whose bytes do not depend on {@code Accept})
   * and the content coding, so no two representations share a strong validator (RFC 9110
   * 8.8.3). Returns true when the response was completed here (304 or 412): {@code If-Match}
   * compares the entity's tag (any representation's tag of the current state matches),
   * {@code If-None-Match} the tag of this representation.
   */
  static boolean answered(RoutingContext ctx, Reply reply, String path, ResponseEncoding encoding,
      ContentCoding coding) {
    if (!(reply instanceof Reply.Single s)) {
      return false;
    }
    HttpMethod m = ctx.request().method();
    boolean read = m == HttpMethod.GET || m == HttpMethod.HEAD;
    if (read && !s.rendering().inline().isEmpty()) {
      // The tag names the entity's own state; a response that inlines children (or the model)
      // changes without it, so it gets no tag and is never answered 304 from a stale one.
      return false;
    }
    String entityTag = ETags.of(s.view());
    String tag = ETags.representation(entityTag, s.document() ? null : encoding.tagVariant(), coding.token());
    ctx.response().putHeader("ETag", tag);
    if (!read) {
      return false;
    }
    Preconditions p = of(ctx);
    if (!p.ifMatchHolds(entityTag)) {
      Problems.write(ctx, XRegistryException.of(ErrorType.PRECONDITION_FAILED, path)
          .errorDetail("If-Match " + p.ifMatch() + " does not match: the current ETag is " + tag).build(), path);
      return true;
    }
    if (!p.ifNoneMatchHoldsForRepresentation(tag)) {
      ctx.response().setStatusCode(304).end();
      return true;
    }
    return false;
  }
}
