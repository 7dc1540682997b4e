package dev.xreg.events;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The RFC 9457 problem+json answers of the {@code /-/} APIs. */
final class Problem {
  private Problem() {
  }

  static void write(RoutingContext ctx, int status, String detail) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    String title = switch (status) {
      case 400 -> "bad request";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 410 -> "gone";
      case 413 -> "request too large";
      default -> status >= 500 ? "unavailable" : "request refused";
    };
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("status", status).put("title", title)
            .put("detail", detail).encode());
  }
}
