package dev.xreg.storage.xregistry;

import dev.xreg.core.format.ValidationLimits;
import dev.xreg.storage.StorageOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Where the CPU part of a Resource write that validates documents runs (schema format
 * validation and compatibility checks, issue 13 item 1): on the named, bounded worker pool
 * {@code xreg-validation}, never on the storage event loop (one slow check there stalled every
 * request) and never on the shared default worker pool (other blocking work must not queue
 * behind schemas). The {@link ValidationLimits} bound each run; their deadline is cooperative,
 * so a check past its time ends with a 400 instead of holding a thread.
 */
public final class Validation {
  private static final String POOL = "xreg-validation";

  private final WorkerExecutor workers;
  private final ValidationLimits limits;

  private Validation(WorkerExecutor workers, ValidationLimits limits) {
    this.workers = workers;
    this.limits = limits;
  }

  /** Runs checks on the calling thread: for tools and tests without a Vert.x instance to spare. */
  public static Validation inline(ValidationLimits limits) {
    return new Validation(null, limits);
  }

  /** The shared {@value #POOL} pool of {@code vertx}, sized and limited by {@code options}. */
  public static Validation onWorkers(Vertx vertx, StorageOptions options) {
    // maxExecuteTime only drives Vert.x's blocked-thread warning: past the cooperative deadline
    // (plus slack for a parser that is not polled) a check is worth a warning in the log.
    long warnAfter = options.getValidationTimeoutMs() * 2 + 1000;
    return new Validation(vertx.createSharedWorkerExecutor(POOL, options.getValidationThreads(), warnAfter,
        TimeUnit.MILLISECONDS), options.validationLimits());
  }

  /** The limits each write's checks run within (not started: each write starts its own deadline). */
  public ValidationLimits limits() {
    return limits;
  }

  /**
   * Runs {@code check} on the pool (unordered: writes of different requests validate in
   * parallel); its outcome is delivered back on the caller's context.
   */
  <T> Future<T> run(Callable<T> check) {
    if (workers == null) {
      try {
        return Future.succeededFuture(check.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return workers.executeBlocking(check, false);
  }

  public Future<Void> close() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
