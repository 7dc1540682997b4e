package dev.xreg.storage;

import dev.xreg.storage.engine.Cancellation;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * One read-only view of the registry as of one moment, held open across several reads: a
 * streamed document (an export, an {@code ?inline=*} read of the whole tree) is read in
 * chunks, and every chunk must see the same tree, or the document could mention a Group
 * whose Resources were deleted before their chunk was read (issue 13 item 3). On PostgreSQL
 * it is a {@code REPEATABLE READ READ ONLY} transaction on a dedicated connection, as
 * {@code pg_dump} takes one.
 */
public interface Snapshot {

  /** Runs read-only {@code work} against the snapshot; reads may overlap (they queue on its connection). */
  <T> Future<T> read(Function<StoreTx, Future<T>> work);

  /** As {@link #read(Function)}; the statement running when {@code cancellation} fires is cancelled (its client gone). */
  <T> Future<T> read(Cancellation cancellation, Function<StoreTx, Future<T>> work);

  /** Ends the transaction and gives the connection back; idempotent. */
  Future<Void> close();
}
