package dev.xreg.storage.events;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Records a delivery round's outcome and releases the lease (see {@link Subscriptions#record}). */
public record RecordDelivery(String id, String owner, String afterTx, int afterIndex, int attempts, java.time.Instant nextAttemptAt, String status, String lastError, boolean validated, long deliveredMore) implements Command<Boolean> {

  @Override
  public Future<Boolean> execute(Engine engine) {
    return engine.store().subscriptions().record(id, owner, afterTx, afterIndex, attempts, nextAttemptAt, status, lastError, validated, deliveredMore);
  }

  @Override
  public String subject() {
    return "/-/subscriptions";
  }

  @Override
  public String operation() {
    return "subscription_delivery";
  }
}
