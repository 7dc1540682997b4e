package dev.xreg.http.limits;

import dev.xreg.api.Caller;
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
 * The per-client limits as route handlers (issue 19): a request rate per client
 * ({@link RateLimiter}) and a number of OCI blob upload requests in flight per client
 * ({@link UploadSlots}), both answered {@code 429} with {@code Retry-After} in the error format
 * of the API that owns the path. {@code /health} and {@code /ready} are never limited: a probe
 * that is refused would take a healthy node out of rotation. The counters are shared by every
 * HTTP verticle of a Vert.x instance, so a client gets the same allowance whichever event loop
 * its connection landed on; they are not shared between nodes of a cluster.
 *
 * <p>Who "a client" is ({@link ClientKey}) depends on authentication. Without it, the address.
 * With it, {@link #handle} runs before authentication and charges a request without credentials
 * to its address, and one with credentials to its address's credential checks, so bad passwords
 * are limited per address before any bcrypt work is done; {@link #afterAuthentication()} runs once
 * the guard verified the caller, gives that charge back and charges the caller's own bucket, and
 * takes an upload slot in the caller's name. A name is charged only once its credentials proved
 * good, so nobody can spend another user's allowance by claiming to be them.
 */
public final class ClientLimits implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ClientLimits.class);
  /** Buckets kept at most; beyond this idle ones are forgotten first (RateLimiter). */
  static final int MAX_CLIENTS = 100_000;
  private static final String SHARED_MAP = "xreg.http.limits";
  /** The routing-context key of the credential-check charge {@link #handle} took, until given back. */
  private static final String CREDENTIALS_CHARGE = "xreg.limits.credentials";
  /** Set when {@link #handle} left the caller's own limits to {@link #afterAuthentication()}. */
  private static final String DEFERRED = "xreg.limits.deferred";
  /** An OCI blob upload request: start (POST), chunk (PATCH) or finish (PUT), OCI-008..013. */
  private static final Pattern UPLOAD = Pattern.compile("^/v2/.+/blobs/uploads(/.*)?$");

  private final Counters counters;
  private final ClientKey clients;
  private final ApiFailures failures;
  /** Whether an identity source is configured: only then do credentials name a client. */
  private final boolean identities;

  ClientLimits(Counters counters, ClientKey clients, ApiFailures failures, boolean identities) {
    this.counters = counters;
    this.clients = clients;
    this.failures = failures;
    this.identities = identities;
  }

  /**
   * The limits {@code options} ask for, with the counters of this Vert.x instance (created by
   * the first verticle that asks); null when no limit is on. {@code identities}: authentication
   * is on, and {@link #afterAuthentication()} is installed behind every guard.
   */
  public static ClientLimits of(Vertx vertx, LimitOptions options, List<AddressRange> trustedProxies,
      ApiFailures failures, boolean identities) {
    if (options.getRatePerSecond() == 0 && options.getMaxUploadsPerClient() == 0) {
      return null;
    }
    LocalMap<String, Counters> shared = vertx.sharedData().getLocalMap(SHARED_MAP);
    Counters mine = new Counters(options);
    Counters before = shared.putIfAbsent("counters", mine);
    return new ClientLimits(before != null ? before : mine, new ClientKey(trustedProxies), failures, identities);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals("/health") || path.equals("/ready")) {
      ctx.next();
      return;
    }
    String address = clients.address(ctx.request());
    boolean credentials = identities && hasCredentials(ctx);
    String client = credentials ? ClientKey.credentials(address) : ClientKey.anonymous(address);
    if (counters.rate != null) {
      if (!take(ctx, client)) {
        return;
      }
      if (credentials) {
        ctx.put(CREDENTIALS_CHARGE, client);
        // refused after authentication (403, 404): the credentials were good all the same
        ctx.addEndHandler(v -> giveBackCredentialCharge(ctx));
      }
    }
    if (credentials) {
      // the caller's own bucket and upload slot are charged in the verified name, behind the guard
      ctx.put(DEFERRED, Boolean.TRUE);
    } else if (!uploadSlot(ctx, path, client)) {
      return;
    }
    ctx.next();
  }

  /**
   * The second half, behind each API's authentication guard: charges the verified caller and
   * takes its upload slot. Requests the guard let through without credentials were charged to
   * their address already.
   */
  public Handler<RoutingContext> afterAuthentication() {
    return ctx -> {
      Caller caller = ctx.get(Caller.KEY);
      if (!identities || caller == null || !caller.authenticated() || ctx.remove(DEFERRED) == null) {
        ctx.next();
        return;
      }
      giveBackCredentialCharge(ctx);
      String client = ClientKey.identity(caller.name());
      if (counters.rate != null && !take(ctx, client)) {
        return;
      }
      if (uploadSlot(ctx, ctx.normalizedPath(), client)) {
        ctx.next();
      }
    };
  }

  /** Whether the request presents credentials an identity source will check. */
  private static boolean hasCredentials(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return (authorization != null && !authorization.isBlank()) || ctx.request().getHeader("Xreg-Admin-Token") != null;
  }

  private void giveBackCredentialCharge(RoutingContext ctx) {
    String charged = ctx.get(CREDENTIALS_CHARGE);
    Caller caller = ctx.get(Caller.KEY);
    if (charged != null && counters.rate != null && caller != null && caller.authenticated()) {
      ctx.remove(CREDENTIALS_CHARGE);
      counters.rate.giveBack(charged);
    }
  }

  /** Takes a token for {@code client}, or answers 429 and returns false. */
  private boolean take(RoutingContext ctx, String client) {
    long waitNanos = counters.rate.take(client);
    if (waitNanos > 0) {
      refuse(ctx, client, "rate", retryAfterSeconds(waitNanos), "too many requests from this client; try again later");
      return false;
    }
    return true;
  }

  /** For an upload request, takes one of {@code client}'s slots until the response ends; false if it answered 429. */
  private boolean uploadSlot(RoutingContext ctx, String path, String client) {
    if (counters.uploads == null || !isUpload(ctx, path)) {
      return true;
    }
    if (!counters.uploads.acquire(client)) {
      refuse(ctx, client, "uploads", 1, "too many uploads in progress from this client; try again when one"
          + " has finished");
      return false;
    }
    // called when the response ends or the connection drops, so a slot is never leaked
    ctx.addEndHandler(v -> counters.uploads.release(client));
    return true;
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
