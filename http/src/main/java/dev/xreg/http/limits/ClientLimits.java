package dev.xreg.http.limits;

import dev.xreg.http.LimitOptions;
import dev.xreg.http.impl.AddressRange;
import dev.xreg.http.impl.ApiFailures;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-client limits as a route handler (issue 19): a request rate per client
 * ({@link RateLimiter}) and a number of OCI blob upload requests in flight per client
 * ({@link UploadSlots}), both answered {@code 429} with {@code Retry-After} in the error format
 * of the API that owns the path. {@code /health} and {@code /ready} are never limited: a probe
 * that is refused would take a healthy node out of rotation. The counters are shared by every
 * HTTP verticle of a Vert.x instance, so a client gets the same allowance whichever event loop
 * its connection landed on; they are not shared between nodes of a cluster.
 */
public final class ClientLimits implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ClientLimits.class);
  /** Buckets kept at most; beyond this idle ones are forgotten first (RateLimiter). */
  static final int MAX_CLIENTS = 100_000;
  private static final String SHARED_MAP = "xreg.http.limits";
  /** An OCI blob upload request: start (POST), chunk (PATCH) or finish (PUT), OCI-008..013. */
  private static final Pattern UPLOAD = Pattern.compile("^/v2/.+/blobs/uploads(/.*)?$");

  private final Counters counters;
  private final ClientKey clients;
  private final ApiFailures failures;

  ClientLimits(Counters counters, ClientKey clients, ApiFailures failures) {
    this.counters = counters;
    this.clients = clients;
    this.failures = failures;
  }

  /**
   * The limits {@code options} ask for, with the counters of this Vert.x instance (created by
   * the first verticle that asks); null when no limit is on.
   */
  public static ClientLimits of(Vertx vertx, LimitOptions options, List<AddressRange> trustedProxies,
      ApiFailures failures) {
    if (options.getRatePerSecond() == 0 && options.getMaxUploadsPerClient() == 0) {
      return null;
    }
    LocalMap<String, Counters> shared = vertx.sharedData().getLocalMap(SHARED_MAP);
    Counters mine = new Counters(options);
    Counters before = shared.putIfAbsent("counters", mine);
    return new ClientLimits(before != null ? before : mine, new ClientKey(trustedProxies), failures);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals("/health") || path.equals("/ready")) {
      ctx.next();
      return;
    }
    String client = clients.of(ctx);
    if (counters.rate != null) {
      long waitNanos = counters.rate.take(client);
      if (waitNanos > 0) {
        refuse(ctx, client, "rate", retryAfterSeconds(waitNanos),
            "too many requests from this client; try again later");
        return;
      }
    }
    if (counters.uploads != null && isUpload(ctx, path)) {
      if (!counters.uploads.acquire(client)) {
        refuse(ctx, client, "uploads", 1, "too many uploads in progress from this client; try again when one"
            + " has finished");
        return;
      }
      // called when the response ends or the connection drops, so a slot is never leaked
      ctx.addEndHandler(v -> counters.uploads.release(client));
    }
    ctx.next();
  }

  static boolean isUpload(RoutingContext ctx, String path) {
    HttpMethod m = ctx.request().method();
    return (m == HttpMethod.POST || m == HttpMethod.PATCH || m == HttpMethod.PUT) && UPLOAD.matcher(path).matches();
  }

  /** Whole seconds, rounded up, at least 1: {@code Retry-After} has no fractions (RFC 9110 10.2.3). */
  static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
  }

  private void refuse(RoutingContext ctx, String client, String limit, long retryAfter, String detail) {
    LOG.debug("event=client_limited limit={} client={} path={}", limit, client, ctx.normalizedPath());
    ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
    failures.answer(ctx, 429, detail);
  }

  /** The counters every HTTP verticle of a Vert.x instance shares; they synchronise themselves. */
  static final class Counters implements Shareable {
    final RateLimiter rate;
    final UploadSlots uploads;

    Counters(LimitOptions options) {
      rate = options.getRatePerSecond() == 0 ? null : new RateLimiter(options.getRatePerSecond(),
          options.effectiveBurst(), MAX_CLIENTS, System::nanoTime);
      uploads = options.getMaxUploadsPerClient() == 0 ? null : new UploadSlots(options.getMaxUploadsPerClient());
    }
  }
}
