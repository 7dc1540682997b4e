package dev.xreg.storage.blob.s3;

import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.BlobStoreOptions;
import dev.xreg.storage.blob.BlobStoreProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Lets {@link BlobStore#create} open {@value BlobStoreOptions#TYPE_S3} stores when this module is on the class path. */
public final class S3BlobStoreProvider implements BlobStoreProvider {

  @Override
  public String type() {
    return BlobStoreOptions.TYPE_S3;
  }

  @Override
  public Future<BlobStore> open(Vertx vertx, BlobStoreOptions options) {
    return S3BlobStore.open(vertx, options).map(store -> store);
  }
}
