package dev.xreg.storage.engine;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.time.Duration;

/**
 * The time a request may take (XREG_REQUEST_TIMEOUT_SECONDS). A write past it fails inside
 * its transaction, so it is rolled back: a client answered with an error never finds that
 * the write happened after all, which a timeout on the HTTP side alone could not promise.
 */
public final class Deadline {
  private final long endNanos;
  private final Duration timeout;
  private final String subject;

  public Deadline(Duration timeout, String subject) {
    this.timeout = timeout;
    this.subject = subject;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  public void check() {
    if (System.nanoTime() - endNanos > 0) {
      throw XRegistryException.of(ErrorType.SERVER_BUSY, subject)
          .errorDetail("the request ran longer than " + timeout.toSeconds() + " s (XREG_REQUEST_TIMEOUT_SECONDS) and"
              + " was rolled back: nothing changed; send fewer entities per request")
          .build();
    }
  }
}
