package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.StorageObserver;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.BlobStoreOptions;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.blob.Digester;
import dev.xreg.storage.blob.DiskBlobStore;
import dev.xreg.storage.blob.GeneratedContent;
import dev.xreg.storage.content.Manifest;
import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.pg.PgRegistryStore;
import dev.xreg.storage.pg.PgTestDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 "Garbage collection": the mark and sweep against the embedded PostgreSQL and a disk
 * blob store, including the lock protocol with a manifest push that holds its links.
 */
class GarbageCollectorTest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final RepositoryName REPO = RepositoryName.parse("gc/app");

  private final PgTestDatabase db = PgTestDatabase.embedded();
  @TempDir
  Path blobDir;
  private Vertx vertx;
  private Context context;
  private PgConnectOptions schema;
  private PgRegistryStore store;
  private BlobStore blobs;
  private OciStore oci;
  private final Map<String, Long> observed = new ConcurrentHashMap<>();
  private final StorageObserver observer = new StorageObserver() {
    @Override
    public void operation(String operation, long nanos, String outcome) {
    }

    @Override
    public void garbageCollection(String outcome, long nanos) {
      observed.merge("run_" + outcome, 1L, Long::sum);
    }

    @Override
    public void reclaimed(String item, long count, long bytes) {
      observed.merge(item, count, Long::sum);
      observed.merge(item + "_bytes", bytes, Long::sum);
    }
  };

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    schema = db.freshSchema(vertx);
    store = new PgRegistryStore(vertx, schema, 4);
    await(store.migrate());
    blobs = await(DiskBlobStore.open(vertx, new BlobStoreOptions().setDir(blobDir.toString())));
    oci = new OciStore(store.pool());
  }

  @AfterEach
  void close() throws Exception {
    await(blobs.close());
    await(store.close());
    db.dropSchema(vertx, schema);
    await(vertx.close());
  }

  private GarbageCollector collector(int graceSeconds, int uploadTtlSeconds) {
    return new GarbageCollector(vertx, store.pool(), blobs, observer, new StorageOptions().setGcIntervalSeconds(0)
        .setGcGraceSeconds(graceSeconds).setUploadTtlSeconds(uploadTtlSeconds));
  }

  @Test
  void deletingAManifestFreesItsOwnBlobsAndKeepsTheSharedOne() throws Exception {
    Digest configA = pushBlob(1, 100);
    Digest layerA = pushBlob(2, 5000);
    Digest shared = pushBlob(3, 7000);
    Digest configB = pushBlob(4, 120);
    String a = putManifest(configA, List.of(layerA, shared), "a");
    putManifest(configB, List.of(shared), "b");
    await(oci.deleteManifest(REPO, a));
    Thread.sleep(50); // the sweep compares file times with its own clock: step past the commits

    GcReport report = await(on(() -> collector(0, 3600).run()));

    assertThat(report.ran()).isTrue();
    assertThat(report.links()).isEqualTo(2);
    assertThat(report.blobs()).isEqualTo(2);
    assertThat(report.blobBytes()).isEqualTo(100 + 5000);
    for (Digest gone : List.of(configA, layerA)) {
      assertThat(await(blobs.stat(gone))).as(gone.toString()).isEmpty();
      assertThat(await(oci.statBlob(REPO, gone))).isEmpty();
    }
    for (Digest kept : List.of(shared, configB)) {
      assertThat(await(blobs.stat(kept))).as(kept.toString()).isPresent();
      assertThat(await(oci.statBlob(REPO, kept))).isPresent();
    }
    assertThat(observed).containsEntry("run_ok", 1L).containsEntry("blob", 2L).containsEntry("blob_bytes", 5100L)
        .containsEntry("blob_link", 2L);
  }

  @Test
  void unreferencedContentYoungerThanTheGracePeriodSurvives() throws Exception {
    Digest pending = pushBlob(5, 300); // pushed for a manifest that is not pushed yet
    GcReport report = await(on(() -> collector(3600, 3600).run()));
    assertThat(report.links()).isZero();
    assertThat(report.blobs()).isZero();
    assertThat(await(oci.statBlob(REPO, pending))).contains(300L);
    assertThat(await(blobs.stat(pending))).isPresent();
  }

  @Test
  void aLinkAManifestPushHoldsIsPassedOverUntilThePushEnds() throws Exception {
    Digest layer = pushBlob(6, 400);
    SqlConnection push = await(store.pool().getConnection());
    Transaction tx = await(push.begin());
    long repositoryId = await(push.preparedQuery("SELECT id FROM oci_repository WHERE name = $1")
        .execute(Tuple.of(REPO.value()))).iterator().next().getLong(0);
    await(Sweep.holdLinks(push, repositoryId, new String[] {layer.toString()}));
    Thread.sleep(50);

    GcReport whileHeld = await(on(() -> collector(0, 3600).run()));
    assertThat(whileHeld.links()).isZero();
    assertThat(whileHeld.blobs()).as("a linked blob keeps its bytes").isZero();
    assertThat(await(blobs.stat(layer))).isPresent();

    await(tx.rollback()); // the push failed after all: nothing references the link
    await(push.close());
    GcReport after = await(on(() -> collector(0, 3600).run()));
    assertThat(after.links()).isEqualTo(1);
    assertThat(after.blobs()).isEqualTo(1);
    assertThat(await(blobs.stat(layer))).isEmpty();
  }

  @Test
  void aBlobDeletedFromItsRepositoryKeepsItsBytesWhileAManifestNamesIt() throws Exception {
    Digest config = pushBlob(7, 50);
    Digest layer = pushBlob(8, 600);
    putManifest(config, List.of(layer), "v1");
    await(oci.unlinkBlob(REPO, layer)); // OCI-026
    Thread.sleep(50);
    GcReport report = await(on(() -> collector(0, 3600).run()));
    assertThat(report.blobs()).isZero();
    assertThat(await(blobs.stat(layer))).isPresent();
  }

  @Test
  void abandonedUploadsOlderThanTheTtlAreCancelledAndTheirRowsDeleted() throws Exception {
    String abandoned = startSession();
    String active = startSession();
    String orphan = await(blobs.startUpload()); // bytes without a session row (a crash between the two)
    String freshOrphan = await(blobs.startUpload());
    await(store.pool().preparedQuery("UPDATE oci_upload SET updated_at = now() - interval '2 hours' WHERE id = $1")
        .execute(Tuple.of(abandoned)));
    Files.setLastModifiedTime(blobDir.resolve("uploads").resolve(orphan),
        FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));

    GcReport report = await(on(() -> collector(3600, 3600).run()));

    assertThat(report.uploads()).isEqualTo(2);
    for (String gone : List.of(abandoned, orphan)) {
      assertThat(failure(blobs.uploadSize(gone))).as(gone).isEqualTo(BlobException.Kind.UNKNOWN_UPLOAD);
    }
    assertThat(await(oci.endUpload(REPO, abandoned))).as("the session row is gone").isFalse();
    assertThat(await(blobs.uploadSize(active))).isZero();
    assertThat(await(blobs.uploadSize(freshOrphan))).isZero();
    assertThat(await(oci.upload(REPO, active)).id()).isEqualTo(active);
  }

  @Test
  void onlyOneCollectorRunsAtATimeOnOneDatabase() throws Exception {
    Digest unreferenced = pushBlob(9, 10);
    SqlConnection otherNode = await(store.pool().getConnection());
    assertThat(await(otherNode.query("SELECT pg_try_advisory_lock(" + GarbageCollector.LOCK_KEY + ")").execute())
        .iterator().next().getBoolean(0)).isTrue();
    Thread.sleep(50);
    GcReport report = await(on(() -> collector(0, 3600).run()));
    assertThat(report.ran()).isFalse();
    assertThat(observed).containsEntry("run_skipped", 1L);
    assertThat(await(oci.statBlob(REPO, unreferenced))).isPresent();
    await(otherNode.close()); // the other node went away: its lock with it

    assertThat(await(on(() -> collector(0, 3600).run())).links()).isEqualTo(1);
  }

  // ----------------------------------------------------------------------------- pushes

  private Digest pushBlob(long seed, int size) throws Exception {
    GeneratedContent content = new GeneratedContent(seed, size, 1024);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String id = await(blobs.startUpload());
    await(on(() -> blobs.append(id, 0, content.stream(context))));
    await(blobs.commit(id, digest, (long) size));
    await(oci.linkBlob(REPO, digest, size));
    return digest;
  }

  private String putManifest(Digest config, List<Digest> layers, String tag) throws Exception {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", config) + ",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar", layers.get(i)));
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    String digest = Digester.of(DigestAlgorithm.SHA256).update(bytes).digest().toString();
    await(oci.putManifest(REPO, digest, bytes, Manifest.parse(bytes, OCI_MANIFEST), tag));
    return digest;
  }

  private String descriptor(String mediaType, Digest digest) throws Exception {
    long size = await(blobs.stat(digest)).orElseThrow().size();
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private String startSession() throws Exception {
    String id = await(blobs.startUpload());
    await(oci.startUpload(REPO, id));
    return id;
  }

  // ----------------------------------------------------------------------------- futures

  /** Runs {@code work} on the test's event-loop context, as the storage verticle runs the collector. */
  private <T> Future<T> on(Supplier<Future<T>> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> work.get().onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.completeExceptionally(ar.cause());
      }
    }));
    return Future.fromCompletionStage(done);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static BlobException.Kind failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause() instanceof BlobException b ? b.kind() : null;
    }
    return null;
  }
}
