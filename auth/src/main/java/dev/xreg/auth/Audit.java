package dev.xreg.auth;

import dev.xreg.api.Caller;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail (issue 19): one structured line on the {@code xreg.audit} logger, and one count
 * by outcome, per write (any method but GET, HEAD and OPTIONS) and per refused request: who, the
 * method, the path (no query string, which may carry anything) and the outcome. Never a
 * password, token or header value.
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("xreg.audit");

  private final Consumer<String> counter;

  /** @param counter counts an outcome ({@code xreg_audit_total{outcome}}) */
  public Audit(Consumer<String> counter) {
    this.counter = counter;
  }

  /** A request refused before any API saw it: {@code unauthenticated} (401) or {@code denied} (403/404). */
  void refused(RoutingContext ctx, String who, int status) {
    record(status == 401 ? "unauthenticated" : "denied", who, ctx, status);
  }

  /** An allowed request: writes are recorded with their final status once answered. */
  void allowed(RoutingContext ctx, Caller caller) {
    HttpMethod m = ctx.request().method();
    if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
      return;
    }
    ctx.addEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      record(status < 400 ? "written" : "failed", caller.display(), ctx, status);
    });
  }

  private void record(String outcome, String who, RoutingContext ctx, int status) {
    counter.accept(outcome);
    LOG.info("event=audit outcome={} user=\"{}\" method={} path=\"{}\" status={} remote={}", outcome,
        printable(who), ctx.request().method().name(), printable(ctx.request().path()), status,
        ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress());
  }

  /** Quotes and control characters would let a crafted name or path forge log fields. */
  private static String printable(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), 512));
    for (int i = 0; i < s.length() && i < 512; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? '?' : c);
    }
    return out.toString();
  }
}
