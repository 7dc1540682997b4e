package dev.xreg.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.blob.BlobException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The blob store contract on a temporary directory, plus what only the disk driver promises. */
class DiskBlobStoreTest extends BlobStoreContract {
  private Path dir;

  @Override
  protected Future<BlobStore> openEmptyStore(Vertx vertx) {
    try {
      dir = Files.createTempDirectory("xreg-blobs-");
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return reopenStore(vertx);
  }

  @Override
  protected Future<BlobStore> reopenStore(Vertx vertx) {
    return BlobStore.create(vertx, options());
  }

  private BlobStoreOptions options() {
    return new BlobStoreOptions().setDir(dir.toString()).setMinFreeBytes(0);
  }

  @Override
  protected void dropStorage() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void blobsLiveUnderTheirDigestAndUploadsLeaveNothingBehind() throws Exception {
    GeneratedContent content = new GeneratedContent(20, 5000, 1024);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);

    Path expected = dir.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    assertThat(expected).isRegularFile().hasSize(5000);
    // the HTTP layer can sendFile this file without copying it through the heap
    BlobRead read = on(() -> store.read(digest, 10, 20));
    assertThat(read.file()).hasValue(expected);
    assertThat(read.offset()).isEqualTo(10);
    assertThat(read.length()).isEqualTo(20);
    try (Stream<Path> uploads = Files.list(dir.resolve("uploads"))) {
      assertThat(uploads).isEmpty();
    }
  }

  @Test
  void thePingFailsUnavailableOnceTheDirectoriesAreGone() throws Exception {
    on(() -> store.ping());
    try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    assertThat(failure(() -> store.ping()).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aDiskStoreSignsNoUrlsSoBlobsAreServedByTheNode() throws Exception {
    GeneratedContent content = new GeneratedContent(22, 100, 100);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);
    assertThat(on(() -> store.presignedUrl(digest, Duration.ofMinutes(5)))).isEmpty();
  }

  @Test
  void anUploadInterruptedByACrashIsNeverABlob() throws Exception {
    GeneratedContent content = new GeneratedContent(21, 5000, 1024);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    on(() -> store.append(upload, 0, content.stream(context, 0, 4000)));
    await(store.close());

    store = await(reopenStore(vertx));
    assertThat(on(() -> store.stat(digest))).isEmpty();
    assertThat(on(() -> store.listBlobs(null, 10))).isEmpty();
    // garbage collection finds it, with its size, to remove it once it is older than the upload TTL
    assertThat(on(() -> store.listUploads(null, 10))).singleElement()
        .satisfies(info -> assertThat(info.size()).isEqualTo(4000));
  }

  @Test
  void strayFilesAreNeitherBlobsNorUploads() throws Exception {
    Files.writeString(dir.resolve("uploads/notes.txt"), "not an upload");
    Files.createDirectories(dir.resolve("blobs/sha256/ab"));
    Files.writeString(dir.resolve("blobs/sha256/ab/abc"), "not a blob");
    Files.createDirectories(dir.resolve("blobs/md5/00"));
    assertThat(on(() -> store.listUploads(null, 10))).isEmpty();
    assertThat(on(() -> store.listBlobs(null, 10))).isEmpty();
  }

  @Test
  void uploadsAreRefusedWhileFreeSpaceIsBelowTheMinimum() throws Exception {
    String upload = on(() -> store.startUpload());
    on(() -> store.append(upload, 0, new GeneratedContent(22, 100, 100).stream(context)));
    await(store.close());

    store = await(BlobStore.create(vertx, options().setMinFreeBytes(Long.MAX_VALUE)));
    assertThat(failure(() -> store.startUpload()).kind()).isEqualTo(Kind.STORAGE_FULL);
    assertThat(failure(() -> store.append(upload, 100, new GeneratedContent(23, 100, 100).stream(context))).kind())
        .isEqualTo(Kind.STORAGE_FULL);
    assertThat(on(() -> store.uploadSize(upload))).isEqualTo(100L);
  }

  @Test
  void theS3StoreIsRefusedUntilItExists() {
    assertThat(failure(() -> BlobStore.create(vertx, options().setType("s3"))).kind()).isEqualTo(Kind.UNAVAILABLE);
  }
}
