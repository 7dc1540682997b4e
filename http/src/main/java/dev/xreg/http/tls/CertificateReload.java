package dev.xreg.http.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a renewed certificate without a restart: every few seconds, on a worker thread, the
 * two PEM files are read and hashed; when they changed, the new pair is checked
 * ({@link ServerCertificate#read}) and handed to the server ({@link HttpServer#updateSSLOptions}),
 * so new connections get it and open ones keep theirs. A pair that fails the check (half
 * written, mismatched) is logged once and the old certificate stays in service; the check is
 * retried when the files change again.
 */
public final class CertificateReload {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReload.class);

  private final Vertx vertx;
  private final HttpServer server;
  private final ServerSSLOptions baseOptions;
  private final Path certPath;
  private final Path keyPath;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile String served;
  private volatile String refused;
  private long timer = -1;

  /**
   * @param baseOptions the server's TLS options (ALPN and the rest), which a reload keeps
   * @param current the certificate being served
   */
  public CertificateReload(Vertx vertx, HttpServer server, ServerSSLOptions baseOptions, Path certPath,
      Path keyPath, ServerCertificate current) {
    this.vertx = vertx;
    this.server = server;
    this.baseOptions = baseOptions.copy();
    this.certPath = certPath;
    this.keyPath = keyPath;
    this.served = current.fingerprint();
  }

  public void start(int everySeconds) {
    timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(everySeconds), id -> check());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One look at the files; a look still running (slow disk) is not overlapped. */
  Future<Void> check() {
    if (!checking.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(this::changed, false)
        .compose(next -> next == null ? Future.<Boolean>succeededFuture(false)
            : server.updateSSLOptions(baseOptions.copy().setKeyCertOptions(next.keyCertOptions()), true)
                .onSuccess(v -> {
                  served = next.fingerprint();
                  LOG.info("event=tls_certificate_reloaded subject=\"{}\" serial={} not_after={}",
                      next.leaf().getSubjectX500Principal(), next.leaf().getSerialNumber().toString(16),
                      next.leaf().getNotAfter().toInstant());
                }))
        .onFailure(e -> LOG.warn("event=tls_reload_failed cause=\"{}\"", e.toString()))
        .<Void>mapEmpty()
        .onComplete(v -> checking.set(false));
  }

  /** The new certificate when the files changed and check out; null when unchanged or refused before. */
  private ServerCertificate changed() {
    String now;
    try {
      now = ServerCertificate.fingerprint(certPath, keyPath);
    } catch (java.io.IOException e) {
      complainOnce("unreadable", e.toString());
      return null;
    }
    if (now.equals(served)) {
      refused = null; // a bad pair that was put back: complain again if it comes back
      return null;
    }
    if (now.equals(refused)) {
      return null;
    }
    try {
      return ServerCertificate.read(vertx, certPath, keyPath);
    } catch (IllegalArgumentException e) {
      complainOnce(now, e.getMessage());
      return null;
    }
  }

  private void complainOnce(String what, String why) {
    if (!what.equals(refused)) {
      refused = what;
      LOG.warn("event=tls_reload_refused keeping=previous_certificate cause=\"{}\"", why);
    }
  }
}
