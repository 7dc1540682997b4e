package dev.xreg.storage.xregistry;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.nio.file.Path;

/**
 * {@code PUT /} or {@code POST /} of a whole document, whose body the HTTP layer spooled to
 * {@code body} instead of holding it in memory; the engine reads it as a stream
 * ({@link DocumentImport}) under the import deadline. {@code request} carries everything else
 * (flags, headers, preconditions) and an empty body; {@code correlationId} is the
 * {@code xregcorrelationid} of its events (null: the transaction ID). The caller deletes the
 * file once answered.
 */
public record ImportCommand(RegistryRequest request, Path body, String correlationId) implements Command<Reply> {

  @Override
  public Future<Reply> execute(Engine engine) {
    return engine.xregistry().importDocument(request, body, correlationId);
  }

  @Override
  public String subject() {
    return request.path();
  }

  @Override
  public String operation() {
    return "write";
  }

  @Override
  public boolean lengthy() {
    return true;
  }
}
