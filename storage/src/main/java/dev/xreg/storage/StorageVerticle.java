package dev.xreg.storage;

import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.bus.LocalCodec;
import dev.xreg.storage.bus.StorageMessages;
import dev.xreg.storage.embedded.EmbeddedDatabase;
import dev.xreg.storage.exec.RequestExecutor;
import dev.xreg.storage.pg.PgRegistryStore;
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
 * Owns the database (the embedded one, if no URL is configured) and executes every
 * {@link RegistryRequest} sent to its event-bus address in one transaction.
 */
public final class StorageVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);

  private final StorageOptions options;
  private final StorageObserver observer;
  private EmbeddedDatabase embedded;
  private PgRegistryStore store;
  private RequestExecutor executor;
  private MessageConsumer<Object> consumer;

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
      store = new PgRegistryStore(vertx, co, options.getPoolSize());
      executor = new RequestExecutor(store, options);
      return store.migrate();
    }).compose(v -> {
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
    Object body = msg.body();
    long start = System.nanoTime();
    Future<?> work;
    String operation;
    if (body instanceof RegistryRequest r) {
      operation = "GET".equals(r.method()) ? "read" : "write";
      work = executor.execute(r);
    } else if (body instanceof StorageMessages.StreamedRead s) {
      operation = "read";
      work = executor.execute(s.request(), s.scope());
    } else if (body instanceof StorageMessages.Ping) {
      operation = "ping";
      work = store.ping().map(v -> new StorageMessages.Ping());
    } else {
      msg.fail(400, "unknown storage message " + body.getClass().getName());
      return;
    }
    work.onComplete(ar -> {
      long nanos = System.nanoTime() - start;
      if (ar.succeeded()) {
        observer.operation(operation, nanos, "ok");
        msg.reply(ar.result(), LocalCodec.DELIVERY);
        return;
      }
      Throwable cause = ar.cause();
      if (cause instanceof XRegistryException) {
        observer.operation(operation, nanos, "client_error");
      } else {
        observer.operation(operation, nanos, "error");
        String incident = UUID.randomUUID().toString();
        LOG.error("event=storage_failure operation={} message={} incident={}", operation, describe(body), incident,
            cause);
        if (DatabaseFailures.isDatabaseFailure(cause) && subject(body) != null) {
          // CORE-GEN-003: the transaction did not commit, so nothing changed; say so instead of "unexpected"
          cause = XRegistryException.of(ErrorType.DATA_RETRIEVAL_ERROR, subject(body))
              .detail("the database did not answer; nothing was changed (incident " + incident
                  + " is in the server log)").build();
        }
      }
      msg.reply(new StorageMessages.Failure(cause), LocalCodec.DELIVERY);
    });
  }

  /** The request path of an API request, null for internal messages. */
  private static String subject(Object body) {
    if (body instanceof RegistryRequest r) {
      return r.path();
    }
    return body instanceof StorageMessages.StreamedRead s ? s.request().path() : null;
  }

  private static String describe(Object body) {
    return body instanceof RegistryRequest r ? r.method() + " " + r.path() : body.getClass().getSimpleName();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
    return closed.compose(v -> embedded == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          embedded.close();
          return null;
        }));
  }
}
