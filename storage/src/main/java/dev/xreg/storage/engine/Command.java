package dev.xreg.storage.engine;

import io.vertx.core.Future;

/**
 * One typed operation for the engine, sent over the local event bus by reference. Each
 * command knows how to run itself on the {@link Engine} (in one unit of work), so the
 * storage verticle dispatches without an {@code instanceof} chain and each API adds its
 * own commands without touching the others'.
 *
 * @param <R> the reply
 */
public interface Command<R> {

  /** Runs the command; every change it makes commits together or not at all. */
  Future<R> execute(Engine engine);

  /** What the command is about ({@code /dirs/d1}, a repository name), for logs and errors. */
  String subject();

  /** A stable operation name for metrics and logs, e.g. {@code read}, {@code write}, {@code ping}. */
  String operation();

  /**
   * Whether the command runs under the import deadline (XREG_IMPORT_TIMEOUT_SECONDS) rather
   * than the ordinary request deadline, so the caller waits as long for its answer.
   */
  default boolean lengthy() {
    return false;
  }
}
