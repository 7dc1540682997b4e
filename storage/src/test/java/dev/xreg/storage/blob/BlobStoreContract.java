package dev.xreg.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.storage.blob.BlobException.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link BlobStore} SPI that every driver passes, like
 * {@code RegistryStoreContract}: subclass it and provide a fresh, empty store per test. Every
 * store call is made on one event-loop context (as a request handler would), and the JUnit
 * thread waits for the result with a bound.
 */
public abstract class BlobStoreContract {
  private static final long WAIT_SECONDS = 60;
  private static final int CHUNK = 8 * 1024;
  protected static Vertx vertx;
  protected static Context context;
  protected BlobStore store;

  /** A new store on empty storage of its own. */
  protected abstract Future<BlobStore> openEmptyStore(Vertx vertx);

  /** Another store on the same storage as the last {@link #openEmptyStore} (a restart, or a second node). */
  protected abstract Future<BlobStore> reopenStore(Vertx vertx);

  /** Releases the storage of the last {@link #openEmptyStore}. */
  protected abstract void dropStorage() throws Exception;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void open() throws Exception {
    store = await(openEmptyStore(vertx));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    dropStorage();
  }

  // ----------------------------------------------------------------------------- round trips

  @Test
  void aFewMegabytesStreamInAndOutUnchanged() throws Exception {
    GeneratedContent content = new GeneratedContent(1, 3 * 1024 * 1024 + 17, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);

    BlobInfo stored = put(content, digest);
    assertThat(stored.digest()).isEqualTo(digest);
    assertThat(stored.size()).isEqualTo(content.size());
    assertThat(on(() -> store.stat(digest))).hasValueSatisfying(info -> {
      assertThat(info.digest()).isEqualTo(digest);
      assertThat(info.size()).isEqualTo(content.size());
    });

    BlobRead read = on(() -> store.read(digest, 0, -1));
    assertThat(read.blobSize()).isEqualTo(content.size());
    assertThat(read.length()).isEqualTo(content.size());
    DigestingSink sink = drain(read, DigestAlgorithm.SHA256);
    assertThat(sink.size()).isEqualTo(content.size());
    assertThat(sink.digest()).isEqualTo(digest);
  }

  @Test
  void sha512DigestsAreVerifiedAndStoredApartFromSha256() throws Exception {
    GeneratedContent content = new GeneratedContent(2, 100_000, CHUNK);
    Digest sha512 = content.digest(DigestAlgorithm.SHA512);
    assertThat(sha512.toString()).startsWith("sha512:").hasSize("sha512:".length() + 128);

    assertThat(put(content, sha512).size()).isEqualTo(100_000);
    assertThat(drain(on(() -> store.read(sha512, 0, -1)), DigestAlgorithm.SHA512).digest()).isEqualTo(sha512);
    // the same bytes under their sha256 digest are a different, absent blob
    assertThat(on(() -> store.stat(content.digest(DigestAlgorithm.SHA256)))).isEmpty();
  }

  @Test
  void anEmptyBlobIsABlob() throws Exception {
    GeneratedContent empty = new GeneratedContent(3, 0, CHUNK);
    Digest digest = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(put(empty, digest).size()).isZero();
    BlobRead read = on(() -> store.read(digest, 0, -1));
    assertThat(read.length()).isZero();
    assertThat(drain(read, DigestAlgorithm.SHA256).size()).isZero();
  }

  @Test
  void rangesReadExactlyTheirBytesClampedToTheEnd() throws Exception {
    GeneratedContent content = new GeneratedContent(4, 50_000, 1000);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);

    assertThat(readRange(digest, 1234, 5000)).isEqualTo(content.slice(1234, 5000));
    assertThat(readRange(digest, 49_000, -1)).isEqualTo(content.slice(49_000, 1000));
    BlobRead pastTheEnd = on(() -> store.read(digest, 49_990, 1000));
    assertThat(pastTheEnd.length()).isEqualTo(10);
    assertThat(pastTheEnd.blobSize()).isEqualTo(50_000);
    assertThat(readRange(digest, 50_000, -1).length()).isZero();

    assertThat(failure(() -> store.read(digest, 50_001, 1)).kind()).isEqualTo(Kind.INVALID_RANGE);
    assertThat(failure(() -> store.read(digest, -1, 1)).kind()).isEqualTo(Kind.INVALID_RANGE);
  }

  @Test
  void anAbsentBlobIsNotFoundEverywhere() throws Exception {
    Digest absent = new GeneratedContent(5, 10, CHUNK).digest(DigestAlgorithm.SHA256);
    assertThat(on(() -> store.stat(absent))).isEmpty();
    assertThat(failure(() -> store.read(absent, 0, -1)).kind()).isEqualTo(Kind.UNKNOWN_BLOB);
    assertThat(failure(() -> store.delete(absent)).kind()).isEqualTo(Kind.UNKNOWN_BLOB);
  }

  @Test
  void aDeletedBlobIsGone() throws Exception {
    GeneratedContent content = new GeneratedContent(6, 4096, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);
    on(() -> store.delete(digest));
    assertThat(on(() -> store.stat(digest))).isEmpty();
    assertThat(failure(() -> store.read(digest, 0, -1)).kind()).isEqualTo(Kind.UNKNOWN_BLOB);
    assertThat(on(() -> store.listBlobs(null, 10))).isEmpty();
  }

  // ----------------------------------------------------------------------------- verification

  @Test
  void aDigestMismatchStoresNothingAndEndsTheUpload() throws Exception {
    GeneratedContent content = new GeneratedContent(7, 20_000, CHUNK);
    Digest claimed = new GeneratedContent(8, 20_000, CHUNK).digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    appendAll(upload, 0, content);

    assertThat(failure(() -> store.commit(upload, claimed, 20_000L)).kind()).isEqualTo(Kind.DIGEST_MISMATCH);
    assertThat(on(() -> store.stat(claimed))).isEmpty();
    assertThat(on(() -> store.stat(content.digest(DigestAlgorithm.SHA256)))).isEmpty();
    assertThat(on(() -> store.listBlobs(null, 10))).isEmpty();
    assertThat(failure(() -> store.uploadSize(upload)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(on(() -> store.listUploads(null, 10))).isEmpty();
  }

  @Test
  void aSizeMismatchStoresNothingAndEndsTheUpload() throws Exception {
    GeneratedContent content = new GeneratedContent(9, 20_000, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    appendAll(upload, 0, content);

    assertThat(failure(() -> store.commit(upload, digest, 19_999L)).kind()).isEqualTo(Kind.SIZE_MISMATCH);
    assertThat(on(() -> store.stat(digest))).isEmpty();
    assertThat(failure(() -> store.uploadSize(upload)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
  }

  // ----------------------------------------------------------------------------- resumable uploads

  @Test
  void anOutOfOrderChunkFailsTypedAndLeavesTheUploadUsable() throws Exception {
    GeneratedContent content = new GeneratedContent(10, 30_000, 1000);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, 10_000)))).isEqualTo(10_000L);

    // the same chunk again, and a chunk that skips a gap (OCI: 416)
    assertThat(failure(() -> store.append(upload, 0, content.stream(context, 0, 10_000))).kind())
        .isEqualTo(Kind.OUT_OF_ORDER);
    assertThat(failure(() -> store.append(upload, 20_000, content.stream(context, 20_000, 30_000))).kind())
        .isEqualTo(Kind.OUT_OF_ORDER);
    assertThat(on(() -> store.uploadSize(upload))).isEqualTo(10_000L);

    assertThat(on(() -> store.append(upload, 10_000, content.stream(context, 10_000, 30_000)))).isEqualTo(30_000L);
    assertThat(on(() -> store.commit(upload, digest, 30_000L)).size()).isEqualTo(30_000);
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
  }

  @Test
  void aStreamThatFailsMidwayLeavesTheUploadAtItsPreviousSize() throws Exception {
    GeneratedContent content = new GeneratedContent(11, 200_000, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, 50_000)))).isEqualTo(50_000L);

    IllegalStateException clientWentAway = new IllegalStateException("connection reset by the test");
    Throwable failed = failureOf(
        () -> store.append(upload, 50_000, content.streamFailing(context, 50_000, 120_000, clientWentAway)));
    assertThat(failed).isSameAs(clientWentAway);

    assertThat(on(() -> store.uploadSize(upload))).isEqualTo(50_000L);
    assertThat(on(() -> store.stat(digest))).isEmpty();
    assertThat(on(() -> store.append(upload, 50_000, content.stream(context, 50_000, 200_000)))).isEqualTo(200_000L);
    assertThat(on(() -> store.commit(upload, digest, null)).size()).isEqualTo(200_000);
  }

  @Test
  void aSecondWriteWhileAnAppendIsInFlightIsOutOfOrder() throws Exception {
    GeneratedContent content = new GeneratedContent(17, 10_000, 1000);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    GeneratedContent.Stream held = content.heldStream(context, 0, 10_000);
    List<Future<Long>> first = new ArrayList<>();

    BlobException second = failure(() -> {
      first.add(store.append(upload, 0, held));
      return store.append(upload, 0, content.stream(context));
    });
    assertThat(second.kind()).isEqualTo(Kind.OUT_OF_ORDER);
    assertThat(failure(() -> store.commit(upload, digest, null)).kind()).isEqualTo(Kind.OUT_OF_ORDER);

    held.release();
    assertThat(await(first.get(0))).isEqualTo(10_000L);
    assertThat(on(() -> store.commit(upload, digest, 10_000L)).size()).isEqualTo(10_000);
  }

  @Test
  void anUploadResumesThroughAnotherStoreOnTheSameStorage() throws Exception {
    GeneratedContent content = new GeneratedContent(12, 300_000, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, 100_000)))).isEqualTo(100_000L);
    await(store.close());

    // a restart: nothing of the upload is in memory any more
    store = await(reopenStore(vertx));
    assertThat(on(() -> store.uploadSize(upload))).isEqualTo(100_000L);
    assertThat(on(() -> store.listUploads(null, 10))).extracting(UploadInfo::id).containsExactly(upload);
    assertThat(on(() -> store.append(upload, 100_000, content.stream(context, 100_000, 300_000)))).isEqualTo(300_000L);
    assertThat(on(() -> store.commit(upload, digest, 300_000L)).size()).isEqualTo(300_000);
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
  }

  @Test
  void aCancelledUploadIsGone() throws Exception {
    GeneratedContent content = new GeneratedContent(13, 10_000, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    appendAll(upload, 0, content);
    on(() -> store.cancel(upload));

    assertThat(failure(() -> store.uploadSize(upload)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(failure(() -> store.append(upload, 10_000, content.stream(context))).kind())
        .isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(failure(() -> store.append(upload, 0, content.stream(context))).kind())
        .isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(failure(() -> store.commit(upload, digest, null)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(failure(() -> store.cancel(upload)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(on(() -> store.stat(digest))).isEmpty();
    assertThat(on(() -> store.listUploads(null, 10))).isEmpty();
  }

  @Test
  void uploadIdsThatAreNotOursAreRefusedBeforeTouchingStorage() throws Exception {
    GeneratedContent content = new GeneratedContent(14, 100, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String real = on(() -> store.startUpload());
    for (String id : List.of("../blobs", "../../../../etc/passwd", "..", "", real.toUpperCase(), real + "/x",
        "uploads/" + real, "/" + real)) {
      assertThat(failure(() -> store.uploadSize(id)).kind()).as(id).isEqualTo(Kind.UNKNOWN_UPLOAD);
      assertThat(failure(() -> store.append(id, 0, content.stream(context))).kind()).as(id)
          .isEqualTo(Kind.UNKNOWN_UPLOAD);
      assertThat(failure(() -> store.commit(id, digest, null)).kind()).as(id).isEqualTo(Kind.UNKNOWN_UPLOAD);
      assertThat(failure(() -> store.cancel(id)).kind()).as(id).isEqualTo(Kind.UNKNOWN_UPLOAD);
    }
    assertThat(failure(() -> store.uploadSize(null)).kind()).isEqualTo(Kind.UNKNOWN_UPLOAD);
    assertThat(on(() -> store.uploadSize(real))).isZero();
  }

  @Test
  void concurrentUploadsOfTheSameContentAllSucceedIntoOneBlob() throws Exception {
    GeneratedContent content = new GeneratedContent(15, 500_000, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    List<String> uploads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      uploads.add(on(() -> store.startUpload()));
    }
    on(() -> Future.all(uploads.stream().map(id -> store.append(id, 0, content.stream(context))).toList()));
    List<BlobInfo> committed = new ArrayList<>();
    on(() -> Future.all(uploads.stream().map(id -> store.commit(id, digest, 500_000L).onSuccess(committed::add))
        .toList()));

    assertThat(committed).hasSize(4).allSatisfy(info -> assertThat(info.size()).isEqualTo(500_000));
    assertThat(on(() -> store.listBlobs(null, 10))).extracting(BlobInfo::digest).containsExactly(digest);
    assertThat(on(() -> store.listUploads(null, 10))).isEmpty();
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);

    // stored again later: still one blob, its time renewed for garbage collection's grace period
    Instant first = on(() -> store.stat(digest)).orElseThrow().modifiedAt();
    BlobInfo again = put(content, digest);
    assertThat(again.modifiedAt()).isAfterOrEqualTo(first);
    assertThat(on(() -> store.stat(digest)).orElseThrow().modifiedAt()).isAfterOrEqualTo(first);
  }

  // ----------------------------------------------------------------------------- garbage collection

  @Test
  void blobsAndUploadsAreListedInBoundedPagesWithTheirAge() throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GeneratedContent content = new GeneratedContent(100 + i, 1000 + i, CHUNK);
      DigestAlgorithm algorithm = i == 4 ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256;
      digests.add(put(content, content.digest(algorithm)).digest());
    }
    digests.sort(null);
    List<String> uploads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = on(() -> store.startUpload());
      on(() -> store.append(id, 0, new GeneratedContent(200, 10, CHUNK).stream(context)));
      uploads.add(id);
    }
    uploads.sort(null);
    Instant after = Instant.now().plusSeconds(5);

    List<BlobInfo> all = new ArrayList<>();
    Digest cursor = null;
    for (int page = 0; page < 10; page++) {
      Digest from = cursor;
      List<BlobInfo> blobs = on(() -> store.listBlobs(from, 2));
      assertThat(blobs).hasSizeLessThanOrEqualTo(2);
      all.addAll(blobs);
      if (blobs.size() < 2) {
        break;
      }
      cursor = blobs.get(blobs.size() - 1).digest();
    }
    assertThat(all).extracting(BlobInfo::digest).containsExactlyElementsOf(digests);
    assertThat(all).allSatisfy(info -> assertThat(info.modifiedAt()).isBetween(before, after));
    assertThat(all.get(0).size()).isBetween(1000L, 1004L);

    List<UploadInfo> firstPage = on(() -> store.listUploads(null, 2));
    assertThat(firstPage).extracting(UploadInfo::id).containsExactlyElementsOf(uploads.subList(0, 2));
    List<UploadInfo> secondPage = on(() -> store.listUploads(firstPage.get(1).id(), 2));
    assertThat(secondPage).extracting(UploadInfo::id).containsExactly(uploads.get(2));
    assertThat(secondPage.get(0).size()).isEqualTo(10);
    assertThat(secondPage.get(0).modifiedAt()).isBetween(before, after);
  }

  @Test
  void aWorkingStoreAnswersItsPing() throws Exception {
    assertThat(on(() -> store.ping())).isNull();
  }

  @Test
  void freeBytesAreReported() throws Exception {
    assertThat(on(() -> store.freeBytes())).isPositive();
  }

  // ----------------------------------------------------------------------------- bounded memory

  @Test
  void a64MebibyteBlobFlowsThroughInSmallChunksWithBackPressure() throws Exception {
    GeneratedContent content = new GeneratedContent(16, 64L * 1024 * 1024, CHUNK);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    GeneratedContent.Stream source = content.stream(context);
    assertThat(on(() -> store.append(upload, 0, source))).isEqualTo(content.size());
    // the store asked the source to wait while its writes were queued: it never buffers the blob
    assertThat(source.pauses()).isPositive();
    assertThat(on(() -> store.commit(upload, digest, content.size())).size()).isEqualTo(content.size());

    DigestingSink sink = drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256);
    assertThat(sink.digest()).isEqualTo(digest);
    assertThat(sink.largestChunk()).isLessThanOrEqualTo(1024 * 1024);
    assertThat(sink.chunks()).isGreaterThanOrEqualTo(64);
  }

  // ----------------------------------------------------------------------------- helpers

  /** Uploads the whole content in one append and commits it under {@code digest}. */
  protected BlobInfo put(GeneratedContent content, Digest digest) throws Exception {
    String upload = on(() -> store.startUpload());
    appendAll(upload, 0, content);
    return on(() -> store.commit(upload, digest, content.size()));
  }

  protected void appendAll(String upload, long offset, GeneratedContent content) throws Exception {
    assertThat(on(() -> store.append(upload, offset, content.stream(context)))).isEqualTo(offset + content.size());
  }

  protected DigestingSink drain(BlobRead read, DigestAlgorithm algorithm) throws Exception {
    DigestingSink sink = DigestingSink.hashing(algorithm);
    on(() -> read.open().compose(stream -> stream.pipeTo(sink)));
    return sink;
  }

  protected Buffer readRange(Digest digest, long offset, long length) throws Exception {
    DigestingSink sink = DigestingSink.keeping();
    on(() -> store.read(digest, offset, length).compose(BlobRead::open).compose(stream -> stream.pipeTo(sink)));
    return sink.bytes();
  }

  /** Runs {@code operation} on the test's event-loop context and waits for its result. */
  protected static <T> T on(Supplier<Future<T>> operation) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        operation.get().onComplete(result);
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    return await(result.future());
  }

  protected static Throwable failureOf(Supplier<Future<?>> operation) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> on(operation::get)).satisfies(e -> thrown[0] = e.getCause());
    return thrown[0];
  }

  protected static BlobException failure(Supplier<Future<?>> operation) {
    Throwable cause = failureOf(operation);
    assertThat(cause).isInstanceOf(BlobException.class);
    return (BlobException) cause;
  }

  protected static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
