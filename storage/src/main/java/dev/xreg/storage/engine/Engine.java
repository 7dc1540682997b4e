package dev.xreg.storage.engine;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.oci.OciStore;
import dev.xreg.storage.xregistry.RequestExecutor;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The storage engine as commands see it: the store (one transaction per unit of work)
 * and the operation families built on it. One instance per storage verticle.
 */
public final class Engine {
  private final RegistryStore store;
  private final StorageOptions options;
  private final RequestExecutor xregistry;
  private final Snapshots snapshots;
  private final OciStore oci;
  private final BlobStore blobs;

  public Engine(Vertx vertx, RegistryStore store, StorageOptions options) {
    this(vertx, store, options, new RequestExecutor(store, options));
  }

  /** An engine whose xRegistry operations run on {@code xregistry} (its validation pool, for example). */
  public Engine(Vertx vertx, RegistryStore store, StorageOptions options, RequestExecutor xregistry) {
    this(vertx, store, options, xregistry, null, null);
  }

  /** A full engine: xRegistry operations plus the OCI content metadata and the blob store. */
  public Engine(Vertx vertx, RegistryStore store, StorageOptions options, RequestExecutor xregistry, OciStore oci,
      BlobStore blobs) {
    this.oci = oci;
    this.blobs = blobs;
    this.store = store;
    this.options = new StorageOptions(options);
    this.xregistry = xregistry;
    this.snapshots = new Snapshots(vertx, store, options.getMaxSnapshots(), Snapshots.IDLE,
        Duration.ofSeconds(options.getSnapshotTimeoutSeconds()));
  }

  /** The snapshots streamed reads hold open between chunks. */
  public Snapshots snapshots() {
    return snapshots;
  }

  public RegistryStore store() {
    return store;
  }

  public StorageOptions options() {
    return options;
  }

  /** The xRegistry operations: the entity tree, model, capabilities, export. */
  public RequestExecutor xregistry() {
    return xregistry;
  }

  /** The OCI content metadata (repositories, manifests, tags, blob links, upload sessions). */
  public OciStore oci() {
    if (oci == null) {
      throw new IllegalStateException("this engine was started without OCI content storage");
    }
    return oci;
  }

  /** The blob bytes, content-addressed. */
  public BlobStore blobs() {
    if (blobs == null) {
      throw new IllegalStateException("this engine was started without a blob store");
    }
    return blobs;
  }
}
