package dev.xreg.storage.xregistry;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * An xRegistry API request for the engine: its typed target and operation with the
 * request's data, and how much of the tree a read loads ({@code scope}: streamed replies
 * leave inlined collections to later chunk reads). {@code snapshot}, when not null, names the
 * open snapshot (see {@link SnapshotRead}) a chunk of a streamed document is read from.
 * {@code correlationId}, on a write, is the {@code xregcorrelationid} the API module chose for
 * the request's events before sending it (written to the change feed with the change).
 * {@code cancellation} is fired by the HTTP side when the client goes away before the reply
 * (issue 15): a read still running then has its statement cancelled.
 */
public record XRegistryCommand(RegistryRequest request, ReadScope scope, String snapshot, String correlationId,
    Cancellation cancellation) implements Command<Reply> {

  public XRegistryCommand {
    if (scope != ReadScope.WHOLE && request.operation().writes()) {
      throw new IllegalArgumentException("only reads are streamed, not " + request.operation());
    }
    if (snapshot != null && request.operation().writes()) {
      throw new IllegalArgumentException("only reads use a snapshot, not " + request.operation());
    }
    cancellation = cancellation == null ? Cancellation.NONE : cancellation;
  }

  public XRegistryCommand(RegistryRequest request, ReadScope scope, String snapshot, String correlationId) {
    this(request, scope, snapshot, correlationId, Cancellation.NONE);
  }

  public XRegistryCommand(RegistryRequest request, ReadScope scope, String snapshot) {
    this(request, scope, snapshot, null);
  }

  public XRegistryCommand(RegistryRequest request, ReadScope scope) {
    this(request, scope, null, null);
  }

  /** The whole request in one reply. */
  public XRegistryCommand(RegistryRequest request) {
    this(request, ReadScope.WHOLE, null, null);
  }

  @Override
  public Future<Reply> execute(Engine engine) {
    if (snapshot == null) {
      return engine.xregistry().execute(request, scope, correlationId, cancellation);
    }
    return engine.snapshots().get(snapshot, subject()).compose(s -> engine.xregistry().execute(request, scope, s));
  }

  @Override
  public String subject() {
    return request.path();
  }

  @Override
  public String operation() {
    return request.operation().writes() ? "write" : "read";
  }
}
