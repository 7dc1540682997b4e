package dev.xreg.http.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a client may hold a connection without completing a request (slowloris,
 * issue 13): a new connection must deliver a request line and headers within the header
 * timeout, a kept-alive connection its next request within the idle timeout, and a request its
 * whole body within the body timeout (then it is answered 408 in its API's format). A trickle of
 * bytes extends none of these, unlike a socket idle timeout.
 *
 * <p>One instance per server verticle: connections, requests and the periodic sweep all run
 * on that verticle's event loop, so the state needs no locking.
 */
public final class ConnectionDeadlines {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);

  private final Vertx vertx;
  private final long headerNanos;
  private final long idleNanos;
  private final long bodyNanos;
  private final ApiFailures failures;
  private final Map<HttpConnection, Waiting> connections = new IdentityHashMap<>();
  private long sweeper = -1;

  /** What a connection waits for and since when; its requests still in flight. */
  private static final class Waiting {
    final Set<HttpServerRequest> inFlight = new LinkedHashSet<>();
    final Map<HttpServerRequest, Long> bodyStarted = new IdentityHashMap<>();
    long idleSince = System.nanoTime();
    boolean servedOne;
  }

  public ConnectionDeadlines(Vertx vertx, int headerSeconds, int idleSeconds, int bodySeconds, ApiFailures failures) {
    this.vertx = vertx;
    this.headerNanos = TimeUnit.SECONDS.toNanos(headerSeconds);
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.bodyNanos = TimeUnit.SECONDS.toNanos(bodySeconds);
    this.failures = failures;
  }

  /** Starts the sweep; a deadline is enforced at most a quarter of the shortest timeout late. */
  public void start() {
    long shortest = TimeUnit.NANOSECONDS.toMillis(Math.min(headerNanos, Math.min(idleNanos, bodyNanos)));
    sweeper = vertx.setPeriodic(Math.max(50, Math.min(1_000, shortest / 4)), id -> sweep());
  }

  public void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  /** For {@code HttpServer.connectionHandler}: the header deadline starts now. */
  public void connected(HttpConnection connection) {
    connections.put(connection, new Waiting());
    connection.closeHandler(v -> connections.remove(connection));
  }

  /** For every request before it is routed: the headers arrived; the body deadline starts now. */
  public void requested(HttpServerRequest request) {
    Waiting w = connections.get(request.connection());
    if (w == null) {
      return; // a connection this instance did not see open (should not happen)
    }
    // the requests this connection finished are forgotten now, not at the next sweep: at tens of
    // thousands of requests a second the sweep interval held each one (and its response) long
    // enough to outlive a young collection and fill the old generation (issue 15, M1)
    settle(w, System.nanoTime());
    w.inFlight.add(request);
    if (!request.isEnded()) {
      w.bodyStarted.put(request, System.nanoTime());
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<HttpConnection, Waiting>> it = connections.entrySet().iterator(); it.hasNext();) {
      Map.Entry<HttpConnection, Waiting> e = it.next();
      HttpConnection connection = e.getKey();
      Waiting w = e.getValue();
      settle(w, now);
      if (w.inFlight.isEmpty()) {
        long limit = w.servedOne ? idleNanos : headerNanos;
        if (now - w.idleSince > limit) {
          LOG.debug("event=connection_timeout remote={} waited_for={}", connection.remoteAddress(),
              w.servedOne ? "next_request" : "request_headers");
          it.remove();
          connection.close();
        }
        continue;
      }
      for (Map.Entry<HttpServerRequest, Long> b : w.bodyStarted.entrySet()) {
        if (now - b.getValue() > bodyNanos) {
          HttpServerRequest request = b.getKey();
          LOG.debug("event=body_timeout remote={} path={}", connection.remoteAddress(), request.path());
          it.remove();
          timeOut(request, connection);
          break;
        }
      }
    }
  }

  /** Forgets finished requests and complete bodies; an empty connection waits from its last response. */
  private static void settle(Waiting w, long now) {
    w.bodyStarted.keySet().removeIf(HttpServerRequest::isEnded);
    if (w.inFlight.removeIf(r -> r.response().ended() || r.response().closed())) {
      w.servedOne = true;
      if (w.inFlight.isEmpty()) {
        w.idleSince = now;
      }
    }
  }

  /** 408 in the owning API's format when nothing was answered yet, then close: the body will not come. */
  private void timeOut(HttpServerRequest request, HttpConnection connection) {
    if (request.response().headWritten()) {
      connection.close();
      return;
    }
    failures.answer(request, 408, "the request body did not arrive within the body timeout "
        + "(XREG_HTTP_BODY_TIMEOUT_SECONDS)");
    // queued behind the answer's bytes, so the client still reads the 408
    connection.close();
  }
}
