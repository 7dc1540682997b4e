package dev.xreg.storage.engine;

import io.vertx.core.Future;

/**
 * The per-database secret {@code name}, stored as {@code fresh} by the first node that asks and
 * read back by every other (issue 19: the token signing key, so every node accepts every node's
 * tokens). The reply is the stored value, which is {@code fresh} only for the first asker.
 */
public record SharedSecret(String name, byte[] fresh) implements Command<byte[]> {

  @Override
  public Future<byte[]> execute(Engine engine) {
    return engine.store().sharedSecret(name, fresh);
  }

  @Override
  public String subject() {
    return name;
  }

  @Override
  public String operation() {
    return "write";
  }
}
