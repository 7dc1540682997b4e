package dev.xreg.http;

import dev.xreg.api.ApiModule.Mount;
import dev.xreg.http.impl.ApiAssembly;
import dev.xreg.http.impl.ApiFailures;
import dev.xreg.http.impl.ConnectionDeadlines;
import dev.xreg.http.impl.MalformedRequests;
import dev.xreg.http.tls.CertificateReload;
import dev.xreg.http.tls.ServerCertificate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An xreg HTTP server as a verticle, deployable any number of times in any Vert.x
 * application: {@code vertx.deployVerticle(() -> new XRegistryVerticle(opts), new DeploymentOptions().setInstances(4))}.
 * Instances share the port (Vert.x balances connections) and one storage verticle.
 */
public final class XRegistryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(XRegistryVerticle.class);
  /** In-flight requests get this long to finish when the verticle is undeployed. */
  private static final long SHUTDOWN_GRACE_SECONDS = 20;
  /** The request line beyond its target: the longest method, two spaces, {@code HTTP/1.1}. */
  private static final int REQUEST_LINE_OVERHEAD = 32;

  private final XRegistryOptions options;
  private HttpServer server;
  private ConnectionDeadlines deadlines;
  private CertificateReload reload;
  private ApiAssembly apis;

  public XRegistryVerticle(XRegistryOptions options) {
    this.options = new XRegistryOptions(options);
  }

  @Override
  public Future<?> start() {
    TlsOptions tls = options.getTls();
    if (!tls.isEnabled()) {
      return start(null);
    }
    // reading and checking the files is file I/O: on a worker, never the event loop
    return vertx.executeBlocking(() -> ServerCertificate.read(vertx, Path.of(tls.getCertPath()),
        Path.of(tls.getKeyPath())), false).compose(this::start);
  }

  /** Starts serving, over TLS with {@code certificate} when it is not null. */
  private Future<?> start(ServerCertificate certificate) {
    // the request handler below refuses malformed requests before routing (MalformedRequests)
    apis = new ApiAssembly(vertx, options).screenedBefore();
    Router root;
    if (options.getBasePath().isEmpty()) {
      root = apis.router(EnumSet.allOf(Mount.class), true);
    } else {
      // the base path moves the xRegistry tree; OCI (host/v2/), the App Registry and the
      // operational endpoints (probes, scraping) stay at the host root
      root = apis.router(EnumSet.of(Mount.HOST_ROOT), true);
      root.route(options.getBasePath() + "/*").subRouter(apis.router(EnumSet.of(Mount.BASE_PATH), false));
    }
    ApiFailures failures = apis.failures();
    deadlines = new ConnectionDeadlines(vertx, options.getHeaderTimeoutSeconds(), options.getIdleTimeoutSeconds(),
        options.getBodyTimeoutSeconds(), failures);
    deadlines.start();
    LimitOptions limits = options.getLimits();
    HttpServerOptions http = new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
        .setCompressionSupported(true)
        // xreg serves no WebSocket: without these the WebSocket extension handler sits in every
        // connection's pipeline and sees every request and response (issue 15's profile)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        // curl (and other clients) send "Expect: 100-continue" with upload bodies and wait for
        // the interim 100 before sending them; without it curl stalls a second per push
        .setHandle100ContinueAutomatically(true)
        // No cleartext HTTP/2: Vert.x would hold a connection until its first bytes tell h2c from
        // HTTP/1, before any deadline can start; a prior-knowledge preface is then a codec 400.
        .setHttp2ClearTextEnabled(false)
        // A socket that moves no byte for this long is dropped (e.g. a client that stopped reading a
        // streamed reply); longer than the longest request so a slow write is never cut short.
        .setIdleTimeout(options.getIdleTimeoutSeconds() + Math.max(options.getStorage().getRequestTimeoutSeconds(),
            options.getStorage().getImportTimeoutSeconds()))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // room for the method and version around the target; the target itself is checked below
        .setMaxInitialLineLength(limits.getMaxUrlBytes() + REQUEST_LINE_OVERHEAD)
        .setMaxHeaderSize(limits.getMaxHeaderBytes());
    http.getInitialSettings().setMaxHeaderListSize(limits.getMaxHeaderBytes());
    // HTTP/2 returns a stream's flow-control credit only as its reader takes the bytes, so a
    // paused stream (an upload waiting for S3 part memory) keeps what it buffered. With the
    // connection window no larger than one stream's (Netty's default), one paused upload stalls
    // every stream of its connection, among them those whose progress would free that memory:
    // room for every stream's window at once.
    http.setHttp2ConnectionWindowSize((int) Math.min(Integer.MAX_VALUE,
        http.getInitialSettings().getMaxConcurrentStreams() * http.getInitialSettings().getInitialWindowSize()));
    if (certificate != null) {
      // HTTPS on the same port; ALPN offers HTTP/2 and HTTP/1.1 (Vert.x's default versions)
      http.setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions());
    }
    server = vertx.createHttpServer(http);
    if (certificate != null) {
      TlsOptions tls = options.getTls();
      reload = new CertificateReload(vertx, server, http.getSslOptions(), Path.of(tls.getCertPath()),
          Path.of(tls.getKeyPath()), certificate);
    }
    int maxUrlBytes = limits.getMaxUrlBytes();
    return apis.ready().compose(ready -> server
        .connectionHandler(deadlines::connected)
        .invalidRequestHandler(request -> refuse(failures, request, MalformedRequests.of(request), true))
        .requestHandler(request -> {
          deadlines.requested(request);
          if (request.method() == HttpMethod.OPTIONS && "*".equals(request.uri())) {
            // RFC 9110 9.3.7: OPTIONS * asks about the server as a whole
            request.response().putHeader("Allow", "GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS").end();
            return;
          }
          MalformedRequests.Rejection refused = request.uri().length() > maxUrlBytes
              // HTTP/2 has no request line for the codec to measure; HTTP/1.1 within the overhead
              ? new MalformedRequests.Rejection(414, "the request target is longer than " + maxUrlBytes + " bytes")
              : MalformedRequests.of(request);
          if (refused != null) {
            refuse(failures, request, refused, false);
          } else {
            root.handle(request);
          }
        })
        .listen().onSuccess(s -> {
          LOG.debug("event=http_listening port={}", s.actualPort());
          if (reload != null) {
            reload.start(options.getTls().getReloadCheckSeconds());
          }
        }));
  }

  /**
   * Answers a request no API may see in the owning API's error format; after a codec failure
   * the connection is closed, since where the next request starts is unknown.
   */
  private static void refuse(ApiFailures failures, HttpServerRequest request, MalformedRequests.Rejection refused,
      boolean codecFailed) {
    MalformedRequests.Rejection r = refused != null ? refused : new MalformedRequests.Rejection(400,
        "the request could not be read");
    LOG.debug("event=request_refused status={} detail=\"{}\"", r.status(), r.detail());
    failures.answer(request, r.status(), r.detail());
    if (codecFailed && request.version() != HttpVersion.HTTP_2) {
      request.connection().close();
    }
  }

  /** The bound port (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let in-flight requests complete, then close.
    if (deadlines != null) {
      deadlines.stop();
    }
    if (reload != null) {
      reload.stop();
    }
    Future<Void> served = server == null ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    // the APIs' background work (event delivery gives back its leases) ends while the engine is
    // still up: Main and embedding apps undeploy this verticle before closing storage
    Future<Void> stopped = apis == null ? Future.succeededFuture() : apis.stop();
    return Future.join(served, stopped);
  }
}
