package dev.xreg.storage.blob;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Opens the blob stores of one {@link BlobStoreOptions#getType() type} that live in a module of
 * their own (the S3 driver keeps its SDK out of {@code storage}). {@link BlobStore#create} finds
 * providers with {@link java.util.ServiceLoader}: a driver module lists its provider in
 * {@code META-INF/services/dev.xreg.storage.blob.BlobStoreProvider}. The disk store needs none.
 */
public interface BlobStoreProvider {

  /** The {@link BlobStoreOptions#getType()} this provider opens, such as {@value BlobStoreOptions#TYPE_S3}. */
  String type();

  /** Opens the store the options describe; fails with a {@link BlobException} when it cannot be reached. */
  Future<BlobStore> open(Vertx vertx, BlobStoreOptions options);
}
