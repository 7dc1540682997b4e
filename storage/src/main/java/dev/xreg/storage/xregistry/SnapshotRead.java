package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.command.Target;
import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * The first read of a streamed document that promises to be one document: {@code GET /export}
 * and any GET that inlines collections or answers a whole collection (issue 13 item 3: an export
 * read chunk by chunk on separate connections could end a 200 with a document no moment of the
 * registry ever matched). Opens a snapshot, reads the shallow reply from it, and keeps it open
 * for the chunk reads ({@link XRegistryCommand} naming it) when the reply may have open
 * collections; the HTTP side ends it with {@link CloseSnapshot} when the stream ends, and the
 * engine ends it anyway after an idle time or the snapshot timeout. The first read stops (its
 * statement cancelled) when {@code cancellation} fires, its client gone, as other reads do.
 */
public record SnapshotRead(RegistryRequest request, Cancellation cancellation) implements Command<SnapshotRead.Opened> {

  /** The reply, and the ID of the snapshot its chunks are read from; null when nothing is left to stream. */
  public record Opened(String snapshot, Reply reply) {
  }

  /** A first read no client can abandon. */
  public SnapshotRead(RegistryRequest request) {
    this(request, Cancellation.NONE);
  }

  public SnapshotRead {
    cancellation = cancellation == null ? Cancellation.NONE : cancellation;
    if (request.operation() != Operation.READ) {
      throw new IllegalArgumentException("only reads use a snapshot, not " + request.operation());
    }
  }

  /**
   * Whether a streamed GET of {@code request} may be read in chunks, so needs a snapshot: the
   * export, a GET with {@code ?inline}, or a collection GET without {@code ?limit} (whole when the
   * server does not paginate). Collections have an odd number of path segments
   * ({@code /<GROUPS>}, {@code /<GROUPS>/g/<RESOURCES>}, {@code .../versions}). Others are read as
   * one statement sequence and need none.
   */
  public static boolean wanted(RegistryRequest request) {
    if (request.operation() != Operation.READ) {
      return false;
    }
    if (request.target() == Target.EXPORT || request.query().containsKey("inline")) {
      return true;
    }
    if (request.target() != Target.ENTITY || request.query().containsKey("limit")) {
      return false;
    }
    String p = request.path();
    int segments = 0;
    for (String s : p.split("/")) {
      if (!s.isEmpty()) {
        segments++;
      }
    }
    return segments % 2 == 1 && !p.contains("$");
  }

  @Override
  public Future<Opened> execute(Engine engine) {
    return engine.snapshots().open(subject()).compose(id -> engine.snapshots().get(id, subject())
        .compose(s -> engine.xregistry().execute(request, ReadScope.SHALLOW, s, cancellation))
        .transform(ar -> {
          if (ar.succeeded() && mayStream(ar.result())) {
            return Future.succeededFuture(new Opened(id, ar.result()));
          }
          return engine.snapshots().close(id).transform(closed -> ar.succeeded()
              ? Future.succeededFuture(new Opened(null, ar.result())) : Future.failedFuture(ar.cause()));
        }));
  }

  /** Whether {@code reply} can leave collections for chunk reads: it inlines something, or is the start of a whole collection. */
  private static boolean mayStream(Reply reply) {
    if (reply instanceof Reply.Single s) {
      return !s.document() && !s.rendering().inline().isEmpty();
    }
    if (reply instanceof Reply.Page p) {
      return !p.rendering().inline().isEmpty() || !p.paginated() && p.nextCursor() != null;
    }
    return false;
  }

  @Override
  public String subject() {
    return request.path();
  }

  @Override
  public String operation() {
    return "read";
  }
}
