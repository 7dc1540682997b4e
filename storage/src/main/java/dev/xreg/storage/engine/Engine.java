package dev.xreg.storage.engine;

import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.xregistry.RequestExecutor;

/**
 * The storage engine as commands see it: the store (one transaction per unit of work)
 * and the operation families built on it. One instance per storage verticle.
 */
public final class Engine {
  private final RegistryStore store;
  private final StorageOptions options;
  private final RequestExecutor xregistry;

  public Engine(RegistryStore store, StorageOptions options) {
    this.store = store;
    this.options = new StorageOptions(options);
    this.xregistry = new RequestExecutor(store, options);
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
}
