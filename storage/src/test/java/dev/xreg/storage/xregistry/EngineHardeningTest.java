package dev.xreg.storage.xregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.command.Target;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import io.vertx.core.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 in the engine: races with deletes, writers of different Groups, snapshots of
 * streamed documents, and schema checks off the event loop. Commands run as the storage
 * verticle runs them: on one event-loop context, against the embedded PostgreSQL.
 */
class EngineHardeningTest extends EngineOnFreshSchema {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{"
      + "\"files\":{\"singular\":\"file\"},"
      + "\"schemas\":{\"singular\":\"schema\",\"validateformat\":true}}}}}";


  @BeforeEach
  void startWithTheModel() throws Exception {
    startEngine(new StorageOptions().setMaxSnapshots(2));
    run(() -> engine.xregistry().execute(request("PUT", "/modelsource", MODEL)));
  }

  // ------------------------------------------------------------------ writers of different Groups (item 6)

  @Test
  void concurrentCreatesOfDistinctGroupsAllSucceedAndEachBumpsTheRegistryOnce() throws Exception {
    long start = registryEpoch();
    int n = 40;
    List<CompletableFuture<Reply>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // half PUTs of a Group, half nested POSTs to the Groups collection with a Resource inside
      all.add(i % 2 == 0 ? submit(request("PUT", "/dirs/put" + i, "{}"))
          : submit(request("POST", "/dirs", "{\"post" + i + "\":{\"files\":{\"f\":{}}}}")));
    }
    for (CompletableFuture<Reply> f : all) {
      f.get(60, TimeUnit.SECONDS); // throws on any failure: none is allowed, not even 503
    }
    assertThat(registryEpoch()).isEqualTo(start + n);
    assertThat(await(store.<List<StoredEntity>>read(tx -> tx.children(null, "dirs")))).hasSize(n);
  }

  // ------------------------------------------------------------------ races with deletes (item 3)

  /**
   * PUT of a child racing DELETE of its parent: both succeed, whichever commits first. The PUT
   * either lands in the Group before it is deleted (and goes with it), or, retried after the
   * delete, creates the Group again implicitly (CORE-GEN-005) as any PUT below a missing Group does.
   */
  @Test
  void aPutBelowAGroupBeingDeletedNeverFails() throws Exception {
    for (int k = 0; k < 30; k++) {
      String group = "/dirs/p" + k;
      run(() -> engine.xregistry().execute(request("PUT", group + "/files/f0$details", "{}")));
      CompletableFuture<Reply> delete = submit(request("DELETE", "/dirs/p" + k, null));
      CompletableFuture<Reply> put = submit(request("PUT", "/dirs/p" + k + "/files/f1$details", "{}"));
      delete.get(60, TimeUnit.SECONDS);
      put.get(60, TimeUnit.SECONDS);
      int kk = k;
      boolean child = find("/dirs/p" + kk + "/files/f1/meta") != null;
      boolean parent = find("/dirs/p" + kk) != null;
      assertThat(parent).as("a child never outlives its Group").isEqualTo(child);
    }
  }

  /**
   * GET of a Resource whose default Version is deleted between the read of its meta and the read
   * of the Version (reads run without a transaction): the read is repeated in one snapshot and
   * answers what that shows, here 404, never a NullPointerException (a 500 before). A plain GET
   * reads both in one statement (issue 15) and cannot meet this; a filtered one still takes two.
   */
  @Test
  void aReadThatMeetsADeleteBetweenItsStatementsAnswersFromOneSnapshot() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d1/files/f1$details", "{}")));
    AtomicBoolean deleted = new AtomicBoolean();
    RegistryStore racing = deletingBeforeVersionRead(store, deleted,
        () -> engine.xregistry().execute(request("DELETE", "/dirs/d1/files/f1", null)).mapEmpty());
    RequestExecutor executor = new RequestExecutor(racing, options, validation);
    RegistryRequest filtered = new RegistryRequest(Target.ENTITY, Operation.READ, "/dirs/d1/files/f1$details",
        Map.of("filter", List.of("versions.versionid=1")), new byte[0], "application/json", Map.of());
    assertThatThrownBy(() -> run(() -> executor.execute(filtered)))
        .cause().isInstanceOfSatisfying(XRegistryException.class, x -> assertThat(x.type()).isEqualTo(ErrorType.NOT_FOUND));
    assertThat(deleted).as("the delete really happened between the two statements").isTrue();
  }

  /** {@code store}, whose plain reads delete (once) right before the first read of a Version row. */
  private static RegistryStore deletingBeforeVersionRead(RegistryStore store, AtomicBoolean deleted,
      Supplier<Future<Void>> delete) {
    return (RegistryStore) Proxy.newProxyInstance(RegistryStore.class.getClassLoader(),
        new Class<?>[] {RegistryStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("read")) {
            @SuppressWarnings("unchecked")
            Function<StoreTx, Future<Object>> work = (Function<StoreTx, Future<Object>>) args[0];
            return store.read(tx -> work.apply(deletingTx(tx, deleted, delete)));
          }
          return invoke(store, method, args);
        });
  }

  private static StoreTx deletingTx(StoreTx tx, AtomicBoolean deleted, Supplier<Future<Void>> delete) {
    return (StoreTx) Proxy.newProxyInstance(StoreTx.class.getClassLoader(), new Class<?>[] {StoreTx.class},
        (proxy, method, args) -> {
          if (method.getName().equals("find") && ((String) args[0]).contains("/versions/")
              && deleted.compareAndSet(false, true)) {
            return delete.get().compose(v -> {
              try {
                return (Future<?>) invoke(tx, method, args);
              } catch (Throwable t) {
                return Future.failedFuture(t);
              }
            });
          }
          return invoke(tx, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  // ------------------------------------------------------------------ snapshots (item 3, export)

  /** An export opened before a change reads every chunk as of its opening; the snapshot is bounded and released. */
  @Test
  void aStreamedExportReadsOneSnapshotAndSnapshotsAreBounded() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d1", "{}")));
    RegistryRequest export = RegistryRequest.read(Target.EXPORT, "/export", Map.of());
    assertThat(SnapshotRead.wanted(export)).isTrue();
    SnapshotRead.Opened first = run(() -> new SnapshotRead(export).execute(engine));
    assertThat(first.snapshot()).as("an export leaves its collections to chunk reads").isNotNull();
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d2", "{}")));

    RegistryRequest chunk = RegistryRequest.read(Target.ENTITY, "/dirs", Map.of("limit", List.of("500")));
    Reply.Page inSnapshot = (Reply.Page) run(() -> new XRegistryCommand(chunk, ReadScope.CHUNK, first.snapshot())
        .execute(engine));
    assertThat(inSnapshot.items()).extracting(v -> v.id()).containsExactly("d1");
    Reply.Page now = (Reply.Page) run(() -> new XRegistryCommand(chunk, ReadScope.CHUNK).execute(engine));
    assertThat(now.items()).extracting(v -> v.id()).containsExactly("d1", "d2");

    SnapshotRead.Opened second = run(() -> new SnapshotRead(export).execute(engine));
    assertThatThrownBy(() -> run(() -> new SnapshotRead(export).execute(engine)))
        .cause().isInstanceOfSatisfying(EngineFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BUSY));
    run(() -> new CloseSnapshot(first.snapshot(), "/export").execute(engine));
    run(() -> new CloseSnapshot(second.snapshot(), "/export").execute(engine));
    assertThat(run(() -> Future.succeededFuture(engine.snapshots().size()))).isZero();
    assertThatThrownBy(() -> run(() -> new XRegistryCommand(chunk, ReadScope.CHUNK, first.snapshot()).execute(engine)))
        .cause().isInstanceOfSatisfying(EngineFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BUSY));
  }

  /** Snapshots are taken only where a read may stream, and a read that fails or has nothing to stream keeps none. */
  @Test
  void aReadWithNothingToStreamHoldsNoSnapshot() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d1", "{}")));
    assertThatThrownBy(() -> run(() -> new SnapshotRead(RegistryRequest.read(Target.ENTITY, "/dirs/d1",
        Map.of("inline", List.of("nothing-here")))).execute(engine)))
        .cause().isInstanceOf(XRegistryException.class);
    SnapshotRead.Opened plain = run(() -> new SnapshotRead(RegistryRequest.read(Target.ENTITY, "/dirs",
        Map.of())).execute(engine));
    assertThat(plain.snapshot()).as("a server page (limit 1000) is one read").isNull();
    assertThat(run(() -> Future.succeededFuture(engine.snapshots().size()))).isZero();
    assertThat(SnapshotRead.wanted(RegistryRequest.read(Target.ENTITY, "/dirs/d1", Map.of()))).isFalse();
    assertThat(SnapshotRead.wanted(RegistryRequest.read(Target.ENTITY, "/dirs/d1/files", Map.of()))).isTrue();
    assertThat(SnapshotRead.wanted(RegistryRequest.read(Target.ENTITY, "/dirs/d1/files",
        Map.of("limit", List.of("5"))))).isFalse();
  }

  // ------------------------------------------------------------------ validation off the event loop (item 1)

  /**
   * A slow (but within-limit) schema check runs on the xreg-validation pool: a GET sent after it
   * started is answered while it still runs, on the same event loop that runs the write.
   */
  @Test
  void aSlowSchemaCheckDoesNotHoldUpOtherRequests() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d1", "{}")));
    long spinMs = 3000;
    long started = System.nanoTime();
    CompletableFuture<Reply> slow = submit(request("PUT", "/dirs/d1/schemas/s1$details",
        "{\"format\":\"" + SpinningFormat.FORMAT + "\",\"schema\":\"spin:" + spinMs + "\"}"));
    Thread.sleep(300); // the check is running now
    run(() -> engine.xregistry().execute(request("GET", "/dirs/d1", null)));
    long getDone = System.nanoTime();
    assertThat(slow).as("the GET is answered while the check still runs").isNotDone();
    slow.get(60, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(getDone - started)).isLessThan(spinMs);
    assertThat(find("/dirs/d1/schemas/s1/meta")).isNotNull();
  }

  /** Past XREG_VALIDATION_TIMEOUT_MS the write is a 400 naming the limit, and nothing is stored. */
  @Test
  void aCheckPastTheValidationTimeoutStoresNothing() throws Exception {
    stopEngine();
    startEngine(new StorageOptions().setValidationTimeoutMs(200));
    long epoch = registryEpoch();
    assertThatThrownBy(() -> run(() -> engine.xregistry().execute(request("PUT", "/dirs/d1/schemas/s1$details",
        "{\"format\":\"" + SpinningFormat.FORMAT + "\",\"schema\":\"spin:5000\"}"))))
        .cause().isInstanceOfSatisfying(XRegistryException.class, x -> {
          assertThat(x.type()).isEqualTo(ErrorType.FORMAT_VIOLATION);
          assertThat(x.detail()).contains("validation time").contains("200");
        });
    assertThat(find("/dirs/d1")).as("not even the implicit Group").isNull();
    assertThat(registryEpoch()).isEqualTo(epoch);
  }

  @Test
  void storageOptionsRoundTripTheirLimitsThroughJson() {
    StorageOptions o = new StorageOptions().setMaxSnapshots(7).setSnapshotTimeoutSeconds(42).setValidationThreads(3)
        .setValidationTimeoutMs(1234).setValidationMaxDocumentBytes(99_999).setValidationMaxDepth(17)
        .setValidationMaxDefinitions(555);
    StorageOptions back = new StorageOptions(o.toJson());
    assertThat(back.toJson()).isEqualTo(o.toJson());
    assertThat(back.getMaxSnapshots()).isEqualTo(7);
    assertThat(back.getSnapshotTimeoutSeconds()).isEqualTo(42);
    assertThat(back.getValidationThreads()).isEqualTo(3);
    assertThat(back.validationLimits().timeout().toMillis()).isEqualTo(1234);
    assertThat(back.validationLimits().maxDocumentBytes()).isEqualTo(99_999);
    assertThat(back.validationLimits().maxDepth()).isEqualTo(17);
    assertThat(back.validationLimits().maxDefinitions()).isEqualTo(555);
    assertThatThrownBy(() -> new StorageOptions().setValidationTimeoutMs(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StorageOptions().setMaxSnapshots(0)).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ plumbing

  private StoredEntity find(String xid) throws Exception {
    return await(store.<StoredEntity>read(tx -> tx.find(xid)));
  }

  private long registryEpoch() throws Exception {
    return await(store.read(StoreTx::registry)).epoch();
  }

  private static RegistryRequest request(String method, String path, String body) {
    Target target = Target.of(path);
    return new RegistryRequest(target, Operation.ofMethod(method), path, Map.of(),
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
  }

  /** Runs a command on the engine's event loop, as the storage verticle would, without waiting. */
  private CompletableFuture<Reply> submit(RegistryRequest r) {
    Command<Reply> c = new XRegistryCommand(r);
    return onLoop(() -> c.execute(engine));
  }
}
