package dev.xreg.storage.blob;

import dev.xreg.storage.blob.BlobException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.FileSystemProps;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs on a local file system, under one root:
 *
 * <pre>
 *   blobs/&lt;algorithm&gt;/&lt;first two hex digits&gt;/&lt;hex&gt;   committed blobs, immutable
 *   uploads/&lt;upload ID&gt;                                     the bytes of an upload so far
 * </pre>
 *
 * An upload's file is its whole state (its size is the next offset), so an upload resumes
 * through any store opened on the same root, after a restart too. A commit hashes the file
 * again, fsyncs it, and renames it into {@code blobs/} with an atomic move within the one
 * file system, then fsyncs the directory: a crash at any point leaves either no blob or a
 * complete, durable one. Streams use Vert.x's asynchronous files; hashing, fsync, renames
 * and directory listings run on the store's own bounded worker pool.
 */
public final class DiskBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(DiskBlobStore.class);
  /** Only IDs this store issues (random UUIDs) are ever turned into a path: no traversal. */
  private static final Pattern UPLOAD_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final OpenOptions APPEND = new OpenOptions().setRead(false).setWrite(true).setCreate(false);
  private static final OpenOptions READ = new OpenOptions().setRead(true).setWrite(false).setCreate(false);
  private static final int READ_BUFFER_SIZE = 64 * 1024;

  private final FileSystem fs;
  private final WorkerExecutor worker;
  private final long minFreeBytes;
  private final Path root;
  private final Path blobs;
  private final Path uploads;
  /** Uploads with an append or commit in flight through this instance: a second one is out of order. */
  private final Set<String> writing = ConcurrentHashMap.newKeySet();

  private DiskBlobStore(Vertx vertx, BlobStoreOptions options) {
    this.fs = vertx.fileSystem();
    this.root = Path.of(options.getDir()).toAbsolutePath().normalize();
    this.blobs = root.resolve("blobs");
    this.uploads = root.resolve("uploads");
    this.minFreeBytes = options.getMinFreeBytes();
    this.worker = vertx.createSharedWorkerExecutor("xreg-blob-disk", options.getWorkerPoolSize());
  }

  /** Opens the store on {@code options.getDir()}, creating its directories when missing. */
  public static Future<DiskBlobStore> open(Vertx vertx, BlobStoreOptions options) {
    DiskBlobStore store = new DiskBlobStore(vertx, options);
    return store.fs.mkdirs(store.blobs.toString())
        .compose(v -> store.fs.mkdirs(store.uploads.toString()))
        .map(v -> {
          LOG.info("Blob store on disk at {}", store.root);
          return store;
        })
        .recover(failure -> store.close().transform(ignored -> Future.failedFuture(
            new BlobException(Kind.UNAVAILABLE, "cannot open the blob store at " + store.root, failure))));
  }

  // ----------------------------------------------------------------------------- reads

  @Override
  public Future<Optional<BlobInfo>> stat(Digest digest) {
    return fs.props(blobFile(digest).toString())
        .map(props -> Optional.of(new BlobInfo(digest, props.size(), Instant.ofEpochMilli(props.lastModifiedTime()))))
        .recover(failure -> isMissing(failure) ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(classify(failure, Kind.UNKNOWN_BLOB)));
  }

  @Override
  public Future<BlobRead> read(Digest digest, long offset, long length) {
    Path file = blobFile(digest);
    return fs.props(file.toString()).recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_BLOB)))
        .map(props -> {
          long size = props.size();
          if (offset < 0 || offset > size) {
            throw new BlobException(Kind.INVALID_RANGE, "offset " + offset + " is outside the blob's " + size + " bytes");
          }
          long available = size - offset;
          return new FileRead(digest, file, size, offset, length < 0 ? available : Math.min(length, available));
        });
  }

  /** A range of a committed blob's file. */
  private final class FileRead extends BlobRange {
    private final Path file;

    FileRead(Digest digest, Path file, long blobSize, long offset, long length) {
      super(digest, blobSize, offset, length);
      this.file = file;
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(file);
    }

    @Override
    public Future<BlobStream> open() {
      return fs.open(file.toString(), READ)
          .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_BLOB)))
          .map(handle -> new FileBlobStream(
              handle.setReadPos(offset()).setReadLength(length()).setReadBufferSize(READ_BUFFER_SIZE)));
    }
  }

  // ----------------------------------------------------------------------------- uploads

  @Override
  public Future<String> startUpload() {
    String id = UUID.randomUUID().toString();
    return ensureFreeSpace()
        .compose(v -> fs.createFile(uploads.resolve(id).toString()))
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD)))
        .map(v -> id);
  }

  @Override
  public Future<Long> append(String uploadId, long expectedOffset, ReadStream<Buffer> data) {
    data.pause();
    return exclusively(uploadId, file -> ensureFreeSpace()
        .compose(v -> fs.props(file.toString()))
        .compose(props -> props.size() == expectedOffset ? fs.open(file.toString(), APPEND)
            : Future.failedFuture(new BlobException(Kind.OUT_OF_ORDER,
                "upload " + uploadId + " holds " + props.size() + " bytes, not " + expectedOffset)))
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD)))
        .compose(handle -> write(handle, file, expectedOffset, data)));
  }

  /**
   * Runs {@code work} on the upload's file while no other append or commit of that upload runs
   * on this node (a second one fails at once as busy rather than interleaving bytes).
   */
  private <T> Future<T> exclusively(String uploadId, Function<Path, Future<T>> work) {
    Path file;
    try {
      file = uploadFile(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    if (!writing.add(uploadId)) {
      return Future.failedFuture(busy(uploadId));
    }
    return work.apply(file).eventually(() -> {
      writing.remove(uploadId);
      return Future.succeededFuture();
    });
  }

  /** Pipes the stream to the end of the upload's file; on any failure cuts the file back to where it was. */
  private Future<Long> write(AsyncFile handle, Path file, long offset, ReadStream<Buffer> data) {
    handle.setWritePos(offset);
    // the pipe ends (closes) the file once every write is done, so its size is then final
    return data.pipeTo(handle).compose(
        v -> fs.props(file.toString()).map(FileProps::size),
        failure -> closeQuietly(handle)
            .transform(closed -> fs.truncate(file.toString(), offset))
            .transform(undone -> {
              if (undone.failed()) {
                LOG.warn("Could not cut upload {} back to {} bytes after a failed append", file.getFileName(), offset,
                    undone.cause());
              }
              return Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD));
            }));
  }

  /** Closes a file the pipe may already have ended (Vert.x then throws rather than failing the future). */
  private static Future<Void> closeQuietly(AsyncFile handle) {
    try {
      return handle.close();
    } catch (IllegalStateException alreadyClosed) {
      return Future.succeededFuture();
    }
  }

  @Override
  public Future<Long> uploadSize(String uploadId) {
    Path file;
    try {
      file = uploadFile(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    return fs.props(file.toString()).map(FileProps::size)
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD)));
  }

  @Override
  public Future<BlobInfo> commit(String uploadId, Digest expected, Long expectedSize) {
    return exclusively(uploadId, file -> worker.executeBlocking(() -> commitBlocking(file, expected, expectedSize), false)
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD))));
  }

  /** Runs on the worker pool: verify, fsync, move into place, fsync the directories. */
  private BlobInfo commitBlocking(Path file, Digest expected, Long expectedSize) throws IOException {
    long size;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      size = channel.size();
      if (expectedSize != null && size != expectedSize) {
        discard(file);
        throw new BlobException(Kind.SIZE_MISMATCH, "received " + size + " bytes, not " + expectedSize);
      }
      Digest actual = hash(channel, expected.algorithm());
      if (!actual.equals(expected)) {
        discard(file);
        throw new BlobException(Kind.DIGEST_MISMATCH, "received content has digest " + actual + ", not " + expected);
      }
      channel.force(true);
    }
    Path target = blobFile(expected);
    Path shard = target.getParent();
    if (!Files.isDirectory(shard)) {
      Files.createDirectories(shard);
      syncDirectory(shard.getParent().getParent());
      syncDirectory(shard.getParent());
    }
    FileTime now = FileTime.from(Instant.now());
    if (Files.exists(target)) {
      alreadyStored(file, target, now);
    } else {
      try {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        alreadyStored(file, target, now);
      } catch (AtomicMoveNotSupportedException e) {
        // the store's invariant (uploads and blobs on one file system) is broken: never copy
        throw new BlobException(Kind.UNAVAILABLE, "cannot move an upload into place atomically under " + root, e);
      }
    }
    syncDirectory(shard);
    syncDirectory(uploads);
    LOG.debug("Stored blob {} ({} bytes)", expected, size);
    return new BlobInfo(expected, size, Files.getLastModifiedTime(target).toInstant());
  }

  /**
   * Identical content is already durable under the digest: drop the upload, and renew the
   * blob's time so garbage collection gives this upload's manifest its full grace period.
   */
  private static void alreadyStored(Path upload, Path target, FileTime now) throws IOException {
    Files.deleteIfExists(upload);
    Files.setLastModifiedTime(target, now);
  }

  private static Digest hash(FileChannel channel, DigestAlgorithm algorithm) throws IOException {
    Digester digester = Digester.of(algorithm);
    ByteBuffer chunk = ByteBuffer.allocate(READ_BUFFER_SIZE);
    long position = 0;
    int read;
    while ((read = channel.read(chunk, position)) >= 0) {
      position += read;
      chunk.flip();
      digester.update(chunk);
      chunk.clear();
    }
    return digester.digest();
  }

  private static void discard(Path upload) {
    try {
      Files.deleteIfExists(upload);
    } catch (IOException e) {
      LOG.warn("Could not delete the rejected upload {}", upload.getFileName(), e);
    }
  }

  /** Makes a rename or a new entry in {@code dir} durable (a no-op where directories cannot be opened). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  @Override
  public Future<Void> cancel(String uploadId) {
    Path file;
    try {
      file = uploadFile(uploadId);
    } catch (BlobException e) {
      return Future.failedFuture(e);
    }
    return fs.delete(file.toString()).recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_UPLOAD)));
  }

  // ----------------------------------------------------------------------------- management

  @Override
  public Future<Void> delete(Digest digest) {
    return fs.delete(blobFile(digest).toString())
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNKNOWN_BLOB)));
  }

  @Override
  public Future<List<BlobInfo>> listBlobs(Digest after, int limit) {
    requirePositive(limit);
    return worker.executeBlocking(() -> listBlobsBlocking(after, limit), false)
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNAVAILABLE)));
  }

  /**
   * Walks the shards in digest order, skipping whole directories before {@code after}, so a
   * page costs the listing of the few shards it touches, never of the whole store.
   */
  private List<BlobInfo> listBlobsBlocking(Digest after, int limit) throws IOException {
    List<BlobInfo> page = new ArrayList<>(Math.min(limit, 1024));
    for (String algorithmDir : sortedNames(blobs)) {
      Optional<DigestAlgorithm> algorithm = DigestAlgorithm.byId(algorithmDir);
      if (algorithm.isEmpty() || (after != null && algorithmDir.compareTo(after.algorithm().id()) < 0)) {
        continue;
      }
      boolean sameAlgorithm = after != null && after.algorithm() == algorithm.get();
      for (String shard : sortedNames(blobs.resolve(algorithmDir))) {
        if (sameAlgorithm && shard.compareTo(after.hex().substring(0, 2)) < 0) {
          continue;
        }
        for (String hex : sortedNames(blobs.resolve(algorithmDir).resolve(shard))) {
          if (!algorithm.get().accepts(hex) || !hex.startsWith(shard) || (sameAlgorithm && hex.compareTo(after.hex()) <= 0)) {
            continue;
          }
          Optional<BasicFileAttributes> attributes = attributes(blobs.resolve(algorithmDir).resolve(shard).resolve(hex));
          if (attributes.isPresent()) {
            page.add(new BlobInfo(new Digest(algorithm.get(), hex), attributes.get().size(),
                attributes.get().lastModifiedTime().toInstant()));
            if (page.size() == limit) {
              return page;
            }
          }
        }
      }
    }
    return page;
  }

  @Override
  public Future<List<UploadInfo>> listUploads(String after, int limit) {
    requirePositive(limit);
    return worker.executeBlocking(() -> {
      List<UploadInfo> page = new ArrayList<>(Math.min(limit, 1024));
      for (String id : sortedNames(uploads)) {
        if (!UPLOAD_ID.matcher(id).matches() || (after != null && id.compareTo(after) <= 0)) {
          continue;
        }
        Optional<BasicFileAttributes> attributes = attributes(uploads.resolve(id));
        if (attributes.isPresent()) {
          page.add(new UploadInfo(id, attributes.get().size(), attributes.get().lastModifiedTime().toInstant()));
          if (page.size() == limit) {
            break;
          }
        }
      }
      return page;
    }, false).recover(failure -> Future.failedFuture(classify(failure, Kind.UNAVAILABLE)));
  }

  private static TreeSet<String> sortedNames(Path dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (NoSuchFileException gone) {
      // a shard removed while listing: nothing in it
    }
    return names;
  }

  /** A file's attributes, or empty when it was deleted since the directory was listed. */
  private static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
    try {
      return Optional.of(Files.readAttributes(file, BasicFileAttributes.class));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  /** Both directories are still there (an unmounted or deleted volume is not). */
  @Override
  public Future<Void> ping() {
    return Future.all(fs.props(blobs.toString()), fs.props(uploads.toString())).<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
            "the blob store's directories under " + root + " are not reachable", failure)));
  }

  @Override
  public Future<Long> freeBytes() {
    return fs.fsProps(root.toString()).map(FileSystemProps::usableSpace)
        .recover(failure -> Future.failedFuture(classify(failure, Kind.UNAVAILABLE)));
  }

  @Override
  public Future<Void> close() {
    return worker.close();
  }

  // ----------------------------------------------------------------------------- paths and failures

  private Path blobFile(Digest digest) {
    // a Digest is validated hex of a known algorithm, so it is safe in a path as it is
    return blobs.resolve(digest.algorithm().id()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }

  private Path uploadFile(String uploadId) {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      throw new BlobException(Kind.UNKNOWN_UPLOAD, "not an upload ID: " + uploadId);
    }
    return uploads.resolve(uploadId);
  }

  private Future<Void> ensureFreeSpace() {
    if (minFreeBytes == 0) {
      return Future.succeededFuture();
    }
    return freeBytes().compose(free -> free >= minFreeBytes ? Future.succeededFuture()
        : Future.failedFuture(new BlobException(Kind.STORAGE_FULL,
            "only " + free + " bytes are free for blobs, below the minimum of " + minFreeBytes)));
  }

  private static BlobException busy(String uploadId) {
    return new BlobException(Kind.OUT_OF_ORDER, "another write to upload " + uploadId + " is in progress");
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one entry, got limit " + limit);
    }
  }

  private static boolean isMissing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Names a file system failure: a missing file is {@code absent} (the blob or upload is
   * unknown), a full disk is {@link Kind#STORAGE_FULL}, any other I/O failure
   * {@link Kind#UNAVAILABLE}. A failure of the caller's own stream passes through unchanged.
   */
  private static Throwable classify(Throwable failure, Kind absent) {
    if (failure instanceof BlobException) {
      return failure;
    }
    if (isMissing(failure)) {
      return new BlobException(absent, absent == Kind.UNKNOWN_BLOB ? "blob unknown" : "upload unknown", failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left")) {
        return new BlobException(Kind.STORAGE_FULL, "the blob store's disk is full", failure);
      }
    }
    if (failure instanceof IOException || failure instanceof io.vertx.core.file.FileSystemException) {
      return new BlobException(Kind.UNAVAILABLE, "blob storage failed: " + failure.getMessage(), failure);
    }
    return failure;
  }
}
