package dev.xreg.storage.oci;

import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** The engine's blob store, handed by reference over the local bus so that an API streams
 * blob bytes to and from it directly (they never travel through the engine as messages). */
public record BlobStoreHandle() implements Command<BlobStore> {

  @Override
  public Future<BlobStore> execute(Engine engine) {
    return Future.succeededFuture(engine.blobs());
  }

  @Override
  public String subject() {
    return null;
  }

  @Override
  public String operation() {
    return "oci_blob_store";
  }
}
