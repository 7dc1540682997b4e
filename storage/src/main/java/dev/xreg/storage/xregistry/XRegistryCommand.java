package dev.xreg.storage.xregistry;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/**
 * An xRegistry API request for the engine: its typed target and operation with the
 * request's data, and how much of the tree a read loads ({@code scope}: streamed replies
 * leave inlined collections to later chunk reads).
 */
public record XRegistryCommand(RegistryRequest request, ReadScope scope) implements Command<Reply> {

  public XRegistryCommand {
    if (scope != ReadScope.WHOLE && request.operation().writes()) {
      throw new IllegalArgumentException("only reads are streamed, not " + request.operation());
    }
  }

  /** The whole request in one reply. */
  public XRegistryCommand(RegistryRequest request) {
    this(request, ReadScope.WHOLE);
  }

  @Override
  public Future<Reply> execute(Engine engine) {
    return engine.xregistry().execute(request, scope);
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
