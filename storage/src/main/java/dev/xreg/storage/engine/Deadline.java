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
  /** The setting that sets this deadline, named in the error. */
  private final String setting;

  public Deadline(Duration timeout, String subject) {
    this(timeout, subject, "XREG_REQUEST_TIMEOUT_SECONDS");
  }

  public Deadline(Duration timeout, String subject, String setting) {
    this.timeout = timeout;
    this.subject = subject;
    this.setting = setting;
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  public void check() {
    if (System.nanoTime() - endNanos > 0) {
      throw XRegistryException.of(ErrorType.SERVER_BUSY, subject)
          .errorDetail("the request ran longer than " + timeout.toSeconds() + " s (" + setting + ") and"
              + " was rolled back: nothing changed; send fewer entities per request")
          .build();
    }
  }
}
