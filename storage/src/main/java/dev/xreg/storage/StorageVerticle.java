package dev.xreg.storage;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.embedded.EmbeddedDatabase;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import dev.xreg.storage.engine.LocalCodec;
import dev.xreg.storage.oci.GarbageCollector;
import dev.xreg.storage.oci.OciStore;
import dev.xreg.storage.oci.UploadLocks;
import dev.xreg.storage.oci.ViewTags;
import dev.xreg.storage.pg.ChangeNotifications;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.xregistry.CnrView;
import dev.xreg.storage.xregistry.OciView;
import dev.xreg.storage.cnr.ViewPackages;
import dev.xreg.storage.xregistry.RequestExecutor;
import dev.xreg.storage.xregistry.Validation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database (the embedded one, if no URL is configured) and runs every
 * {@link Command} sent to its event-bus address on the {@link Engine}. Failures leave here
 * classified: an {@link EngineFailure} (or the xRegistry error the rules raised), never a
 * raw driver exception; unexpected ones are logged once, with an incident ID.
 */
public final class StorageVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);

  private final StorageOptions options;
  private final StorageObserver observer;
  private EmbeddedDatabase embedded;
  private PgRegistryStore store;
  private BlobStore blobs;
  private Engine engine;
  private Validation validation;
  private MessageConsumer<Object> consumer;
  private GarbageCollector collector;
  private ChangeNotifications notifications;
  private UploadLocks uploadLocks;

  public StorageVerticle(StorageOptions options, StorageObserver observer) {
    this.options = new StorageOptions(options);
    this.observer = observer;
  }

  @Override
  public Future<?> start() {
    LocalCodec.register(vertx);
    Future<PgConnectOptions> connect = options.isEmbedded()
        ? vertx.executeBlocking(() -> {
          embedded = EmbeddedDatabase.start(Path.of(options.getDataDir()));
          return embedded.connectOptions();
        })
        : Future.succeededFuture(PgConnectOptions.fromUri(options.getDbUrl()));
    return connect.compose(co -> {
      store = new PgRegistryStore(vertx, co, options.getPoolSize(), options.getMaxSnapshots(),
          options.getRegistryId()).registryRowCached(options.isRegistryRowCached())
          .changeNoticesSent(options.isChangeNoticesSent());
      validation = Validation.onWorkers(vertx, options);
      notifications = new ChangeNotifications(vertx, co, store.pool(), options.getFeedPollMs());
      uploadLocks = new UploadLocks(vertx, co);
      return store.migrate();
    }).compose(v -> BlobStore.create(vertx, options.getBlobStore())).compose(opened -> {
      blobs = opened;
      // one view for both sides: OCI writes mirror into it, model changes fill or remove it
      OciView view = new OciView(options, new ViewTags());
      // App Registry writes build their view per command (CnrStore.of); model changes fill it from here
      CnrView packages = new CnrView(options, new ViewPackages());
      engine = new Engine(vertx, store, options, new RequestExecutor(store, options, validation).ociView(view)
          .cnrView(packages), new OciStore(store, view, uploadLocks), blobs);
      collector = new GarbageCollector(vertx, store.pool(), blobs, observer, options);
      collector.start();
      notifications.start();
      consumer = vertx.eventBus().consumer(options.getAddress(), this::handle);
      return consumer.completion();
    }).onSuccess(v -> LOG.info("event=storage_ready address={} embedded={}", options.getAddress(),
        options.isEmbedded()));
  }

  /** The store, for tests and tools that bulk-load through the SPI. */
  public RegistryStore store() {
    return store;
  }

  private void handle(Message<Object> msg) {
    if (!(msg.body() instanceof Command<?> command)) {
      msg.fail(400, "not an engine command: " + msg.body().getClass().getName());
      return;
    }
    long start = System.nanoTime();
    Future<?> work;
    try {
      work = command.execute(engine);
    } catch (RuntimeException thrown) { // a rule that threw before any I/O
      work = Future.failedFuture(thrown);
    }
    work.onComplete(ar -> {
      long nanos = System.nanoTime() - start;
      if (ar.succeeded()) {
        observer.operation(command.operation(), nanos, "ok");
        msg.reply(ar.result(), LocalCodec.DELIVERY);
        return;
      }
      Throwable cause = classified(command, ar.cause());
      observer.operation(command.operation(), nanos,
          FailureKind.of(cause) == FailureKind.INTERNAL || FailureKind.of(cause) == FailureKind.UNAVAILABLE
              ? "error" : "client_error");
      msg.reply(LocalCodec.failure(cause), LocalCodec.DELIVERY);
    });
  }

  /**
   * Rule violations pass as they are; store conflicts that outlasted the retries become
   * {@link FailureKind#BUSY}; database and unexpected failures are logged with an incident ID
   * and become {@link FailureKind#UNAVAILABLE} (CORE-GEN-003: the transaction did not commit,
   * so nothing changed) or {@link FailureKind#INTERNAL}.
   */
  private static Throwable classified(Command<?> command, Throwable cause) {
    FailureKind kind = FailureKind.of(cause);
    if (cause instanceof EngineFailure || cause instanceof dev.xreg.core.error.XRegistryException
        || cause instanceof dev.xreg.storage.content.ContentInvalid // e.g. a tag that clashes by case in the view
        || cause instanceof BlobException b && b.kind() != BlobException.Kind.UNAVAILABLE) { // e.g. a claimed upload
      return cause;
    }
    if (kind == FailureKind.BUSY) {
      return new EngineFailure(kind, command.subject(), cause.getMessage(), cause);
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("event=storage_failure operation={} command={} subject={} kind={} incident={}", command.operation(),
        command.getClass().getSimpleName(), command.subject(), kind, incident, cause);
    String detail = kind == FailureKind.UNAVAILABLE
        ? "the database did not answer; nothing was changed (incident " + incident + " is in the server log)"
        : "incident " + incident + " is in the server log";
    return new EngineFailure(kind, command.subject(), detail, cause);
  }

  @Override
  public Future<?> stop() {
    Future<Void> listened = notifications == null ? Future.succeededFuture() : notifications.stop();
    Future<Void> unlocked = listened.transform(v -> uploadLocks == null ? Future.<Void>succeededFuture()
        : uploadLocks.close());
    Future<Void> collected = unlocked.transform(v -> collector == null ? Future.<Void>succeededFuture()
        : collector.stop());
    Future<Void> validated = collected.transform(v -> validation == null ? Future.<Void>succeededFuture()
        : validation.close());
    Future<Void> closed = validated.transform(v -> blobs == null ? Future.<Void>succeededFuture() : blobs.close())
        .transform(v -> store == null ? Future.<Void>succeededFuture() : store.close());
    return closed.compose(v -> embedded == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          embedded.close();
          return null;
        }));
  }
}
