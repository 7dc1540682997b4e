package dev.xreg.storage.xregistry;

import dev.xreg.core.command.AllowedOperations;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;
import java.util.List;

/**
 * The HTTP methods a registry path supports ({@code OPTIONS}, and the {@code Allow} header of a
 * 405 to a method the binding does not define), from the engine's own table of allowed
 * operations ({@link AllowedOperations}) resolved against the current model. Changes nothing.
 */
public record AllowedMethods(String path) implements Command<List<String>> {

  @Override
  public Future<List<String>> execute(Engine engine) {
    return engine.xregistry().allowed(path).map(AllowedOperations::methods);
  }

  @Override
  public String subject() {
    return path;
  }

  @Override
  public String operation() {
    return "read";
  }
}
