package dev.xreg.storage.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.blob.BlobException.Kind;
import dev.xreg.storage.blob.BlobInfo;
import dev.xreg.storage.blob.BlobRead;
import dev.xreg.storage.blob.BlobStore;
import dev.xreg.storage.blob.BlobStoreContract;
import dev.xreg.storage.blob.BlobStoreOptions;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.blob.GeneratedContent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.Context.FailedExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The blob store contract against a real S3-compatible server (s3proxy on its filesystem
 * backend, started here), plus what only the S3 driver promises. The whole suite runs under a
 * blocked-thread checker far stricter than Vert.x's default, and an SDK interceptor records
 * every request that an event loop would have started or signed.
 */
class S3BlobStoreTest extends BlobStoreContract {
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobStoreTest.class);
  private static final String PREFIX = "registry/";
  /**
   * Event-loop tasks longer than this are reported (Vert.x's default is 2 s). Not lower: on a
   * loaded machine class loading alone took 214 ms once; a blocking S3 call is caught by the
   * interceptor below whatever it takes.
   */
  private static final long MAX_EVENT_LOOP_MILLIS = 1000;
  private static final List<BlockedThreadEvent> BLOCKED = new CopyOnWriteArrayList<>();
  private static final List<String> SDK_ON_EVENT_LOOP = new CopyOnWriteArrayList<>();
  private static final AtomicInteger SDK_REQUESTS = new AtomicInteger();
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3Server server;
  private String bucket;

  @BeforeAll
  static void startServerAndStrictVertx() throws Exception {
    // nothing may probe the EC2 metadata address, whatever the credential chain does
    System.setProperty("aws.ec2MetadataDisabled", "true");
    server = new S3Server();
    // Netty's buffer allocator initialises once per JVM (~0.3 s here), on whichever thread
    // makes the first buffer; a server does that at start-up, not on a request: do it here
    Buffer.buffer("warm-up").getBytes();
    await(vertx.close());
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> {
      if (event.thread().getName().startsWith("vert.x-eventloop")) {
        BLOCKED.add(event);
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement frame : event.thread().getStackTrace()) {
          stack.append("\n    at ").append(frame);
        }
        LOG.warn("{} ran for {} ms:{}", event.thread().getName(), event.duration() / 1_000_000, stack);
      }
    });
    context = vertx.getOrCreateContext();
  }

  @AfterAll
  static void stopServerAndCheckThreads() throws Exception {
    server.close();
    assertThat(SDK_REQUESTS.get()).as("SDK requests seen by the interceptor").isPositive();
    assertThat(SDK_ON_EVENT_LOOP).as("SDK requests started or signed on an event loop").isEmpty();
    assertThat(BLOCKED).as("event loops blocked for more than " + MAX_EVENT_LOOP_MILLIS + " ms").isEmpty();
  }

  /** Records requests whose execution or signing ran on an event-loop thread. */
  private static final class EventLoopWitness implements ExecutionInterceptor {
    @Override
    public void beforeExecution(BeforeExecution execution, ExecutionAttributes attributes) {
      SDK_REQUESTS.incrementAndGet();
      check("start " + execution.request().getClass().getSimpleName());
    }

    @Override
    public void beforeTransmission(BeforeTransmission transmission, ExecutionAttributes attributes) {
      check("send " + transmission.httpRequest().method() + " " + transmission.httpRequest().encodedPath());
    }

    private static void check(String what) {
      if (Context.isOnEventLoopThread()) {
        SDK_ON_EVENT_LOOP.add(what + " on " + Thread.currentThread().getName());
      }
    }
  }

  @Override
  protected Future<BlobStore> openEmptyStore(Vertx vertx) {
    bucket = "xreg-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    return reopenStore(vertx);
  }

  @Override
  protected Future<BlobStore> reopenStore(Vertx vertx) {
    return S3BlobStore.open(vertx, options(), Bucket.COPY_LIMIT, List.of(new EventLoopWitness())).map(store -> store);
  }

  private BlobStoreOptions options() {
    return new BlobStoreOptions().setType(BlobStoreOptions.TYPE_S3).setS3Endpoint(server.endpoint())
        .setS3Bucket(bucket).setS3Region(S3Server.REGION).setS3Prefix(PREFIX)
        .setS3AccessKey(S3Server.ACCESS_KEY).setS3SecretKey(S3Server.SECRET_KEY);
  }

  @Override
  protected void dropStorage() {
    server.deleteBucket(bucket);
  }

  /** Every object in the test's bucket, as the server sees it (without the filesystem backend's directories). */
  private List<String> objectKeys() {
    return server.backend().list(bucket, ListContainerOptions.Builder.recursive()).stream()
        .map(StorageMetadata::getName).filter(name -> !name.endsWith("/")).toList();
  }

  // ----------------------------------------------------------------------------- layout

  @Test
  void blobsLiveUnderTheirDigestAndCommittedUploadsLeaveNothingBehind() throws Exception {
    GeneratedContent content = new GeneratedContent(30, 5000, 1024);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);

    assertThat(objectKeys()).containsExactly(
        PREFIX + "blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
    BlobRead read = on(() -> store.read(digest, 10, 20));
    assertThat(read.file()).isEmpty();
    assertThat(readRange(digest, 10, 20)).isEqualTo(content.slice(10, 20));
  }

  @Test
  void theProviderLookupOpensTheS3Store() throws Exception {
    BlobStore opened = on(() -> BlobStore.create(vertx, options()));
    try {
      assertThat(opened).isInstanceOf(S3BlobStore.class);
      assertThat(on(opened::freeBytes)).isEqualTo(Long.MAX_VALUE);
    } finally {
      await(opened.close());
    }
  }

  @Test
  void aMissingBucketOrHalfCredentialsAreRefusedAtOpen() {
    assertThat(failure(() -> S3BlobStore.open(vertx, options().setS3Bucket("no-such-bucket"))).kind())
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure(() -> S3BlobStore.open(vertx, options().setS3Bucket(""))).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure(() -> S3BlobStore.open(vertx, options().setS3SecretKey(""))).kind())
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure(() -> S3BlobStore.open(vertx, options().setS3SecretKey("wrong"))).kind())
        .isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void readersThatStopEarlyReleaseTheirConnections() throws Exception {
    // larger than the client's read window, so an unread response holds its connection
    GeneratedContent content = new GeneratedContent(36, 4 * Bucket.READ_WINDOW, 8192);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);
    // more abandoned downloads than the client has connections: a leak would stall the last ones
    for (int i = 0; i < Bucket.MAX_CONNECTIONS + 20; i++) {
      long received = on(() -> store.read(digest, 0, -1).compose(BlobRead::open).compose(stream -> {
        Promise<Long> firstChunk = Promise.promise();
        stream.handler(chunk -> {
          stream.pause();
          firstChunk.tryComplete((long) chunk.length());
        });
        return firstChunk.future().compose(length -> stream.close().map(length));
      }));
      assertThat(received).isPositive();
    }
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
  }

  // ----------------------------------------------------------------------------- uploads in many chunks

  @Test
  void chunksOfAnySizeAlternatingBetweenTwoNodesMakeOneBlob() throws Exception {
    // many tiny chunks (tail only), then chunks that fill parts across appends, then tiny ones again
    int tiny = 120;
    int mebi = 1024 * 1024;
    long size = tiny * 100L + 12L * (mebi + 1) + tiny * 100L;
    GeneratedContent content = new GeneratedContent(31, size, 4096);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    BlobStore other = await(reopenStore(vertx));
    try {
      String upload = on(() -> store.startUpload());
      long offset = 0;
      int chunk = 0;
      while (offset < size) {
        long length = offset < tiny * 100L || offset >= tiny * 100L + 12L * (mebi + 1) ? 100 : mebi + 1;
        long from = offset;
        long to = Math.min(size, offset + length);
        BlobStore node = chunk++ % 2 == 0 ? store : other;
        assertThat(on(() -> node.append(upload, from, content.stream(context, from, to)))).isEqualTo(to);
        offset = to;
      }
      assertThat(on(() -> other.uploadSize(upload))).isEqualTo(size);
      assertThat(on(() -> other.commit(upload, digest, size)).size()).isEqualTo(size);
    } finally {
      await(other.close());
    }
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
    assertThat(readRange(digest, size - 150, -1)).isEqualTo(content.slice(size - 150, 150));
    assertThat(objectKeys()).containsExactly(PREFIX + "blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
  }

  @Test
  void blobsPastTheSingleCopyLimitAreCopiedPartByPart() throws Exception {
    await(store.close());
    // a copy limit of 6 MiB stands in for S3's 5 GiB
    store = await(S3BlobStore.open(vertx, options(), 6L * 1024 * 1024, List.of(new EventLoopWitness())));
    GeneratedContent content = new GeneratedContent(32, 13L * 1024 * 1024 + 5, 8192);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    assertThat(put(content, digest).size()).isEqualTo(content.size());
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
  }

  /**
   * The first part is held back until a second one starts: an append that sent parts one after
   * another would never start the second, and the test would see at most one in flight.
   */
  @Test
  void partsOfOneAppendOverlapWithinTheirBoundAndAssembleInOrder() throws Exception {
    await(store.close());
    PartGate gate = new PartGate();
    store = await(S3BlobStore.open(vertx, options(), Bucket.COPY_LIMIT, List.of(new EventLoopWitness(), gate)));
    // four full parts and a tail: more parts than may fly at once
    GeneratedContent content = new GeneratedContent(36, 4L * PartWriter.PART_SIZE + 12_345, 64 * 1024);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, content.size())))).isEqualTo(content.size());
    assertThat(gate.parts.get()).isEqualTo(4);
    // more than one (the gate saw a second part start while the first was held), never past the bound
    assertThat(gate.mostAtOnce.get()).as("parts in flight at once").isGreaterThan(1)
        .isLessThanOrEqualTo(PartWriter.PARTS_IN_FLIGHT);
    // the digest holds only if the parts were completed in their order
    assertThat(on(() -> store.commit(upload, digest, content.size())).size()).isEqualTo(content.size());
    assertThat(drain(on(() -> store.read(digest, 0, -1)), DigestAlgorithm.SHA256).digest()).isEqualTo(digest);
  }

  /**
   * Issue 15 (O2-S3): parallel uploads share the store's part budget. Five uploads of two parts
   * each, all at once, through a store whose budget holds two parts: at no moment are more than
   * two parts gathering or on their way (measured at the object store too), every blob is
   * whole, and every slot is free again afterwards. Without the budget ten parts fly at once.
   */
  @Test
  void parallelUploadsHoldNoMorePartsThanTheStoreWideBudget() throws Exception {
    await(store.close());
    PartCounter counter = new PartCounter();
    store = await(S3BlobStore.open(vertx, options().setS3UploadMemoryBytes(2L * PartWriter.PART_SIZE),
        Bucket.COPY_LIMIT, List.of(new EventLoopWitness(), counter)));
    PartBudget budget = ((S3BlobStore) store).partBudget();
    assertThat(budget.slots()).isEqualTo(2);

    List<GeneratedContent> contents = new java.util.ArrayList<>();
    List<Future<Long>> appends = new java.util.ArrayList<>();
    List<String> uploads = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GeneratedContent content = new GeneratedContent(40 + i, 2L * PartWriter.PART_SIZE + 1000 * i + 7, 64 * 1024);
      String upload = on(() -> store.startUpload());
      contents.add(content);
      uploads.add(upload);
    }
    Promise<Void> all = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < 5; i++) {
        GeneratedContent content = contents.get(i);
        appends.add(store.append(uploads.get(i), 0, content.stream(context, 0, content.size())));
      }
      Future.all(appends).<Void>mapEmpty().onComplete(all);
    });
    await(all.future());
    assertThat(counter.parts.get()).isEqualTo(10);
    assertThat(counter.mostAtOnce.get()).as("parts on their way at once, store-wide").isBetween(1, 2);
    assertThat(budget.mostInUse()).as("slots held at once").isEqualTo(2);
    assertThat(budget.free()).as("every slot given back").isEqualTo(2);

    for (int i = 0; i < 5; i++) {
      GeneratedContent content = contents.get(i);
      Digest digest = content.digest(DigestAlgorithm.SHA256);
      String upload = uploads.get(i);
      assertThat(appends.get(i).result()).isEqualTo(content.size());
      assertThat(on(() -> store.commit(upload, digest, content.size())).size()).isEqualTo(content.size());
    }
  }

  @Test
  void anAppendThatFailsMidwayGivesItsSlotsBack() throws Exception {
    await(store.close());
    store = await(S3BlobStore.open(vertx, options().setS3UploadMemoryBytes(2L * PartWriter.PART_SIZE),
        Bucket.COPY_LIMIT, List.of(new EventLoopWitness())));
    PartBudget budget = ((S3BlobStore) store).partBudget();
    GeneratedContent content = new GeneratedContent(46, 3L * PartWriter.PART_SIZE, 64 * 1024);
    String upload = on(() -> store.startUpload());
    IllegalStateException cut = new IllegalStateException("client went away");
    assertThat(failureOf(() -> store.append(upload, 0,
        content.streamFailing(context, 0, 2L * PartWriter.PART_SIZE + 5000, cut)))).isSameAs(cut);
    assertThat(budget.free()).isEqualTo(2);
    assertThat(on(() -> store.uploadSize(upload))).as("the failed append did not count").isZero();
    // and the budget still serves the next append in full
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, content.size())))).isEqualTo(content.size());
    assertThat(budget.free()).isEqualTo(2);
  }

  /**
   * Review of the part budget: a client that goes away while its append waits for a slot ends
   * the append at once, out of the queue, and never takes a slot. (An HTTP request tells its
   * failure only to the handler set at that moment; the stream below behaves the same.)
   */
  @Test
  void aClientGoneWhileWaitingForASlotEndsItsAppendAndTakesNoSlot() throws Exception {
    await(store.close());
    store = await(S3BlobStore.open(vertx, options().setS3UploadMemoryBytes(PartWriter.PART_SIZE),
        Bucket.COPY_LIMIT, List.of(new EventLoopWitness())));
    PartBudget budget = ((S3BlobStore) store).partBudget();
    GeneratedContent content = new GeneratedContent(47, 100_000, 10_000);
    String first = on(() -> store.startUpload());
    String second = on(() -> store.startUpload());
    GeneratedContent.Stream holding = content.heldStream(context, 0, content.size());
    Promise<Future<Long>> firstAppend = Promise.promise();
    context.runOnContext(v -> firstAppend.complete(store.append(first, 0, holding)));
    Future<Long> holder = await(firstAppend.future());
    DroppingStream leaving = new DroppingStream();
    Promise<Future<Long>> secondAppend = Promise.promise();
    context.runOnContext(v -> secondAppend.complete(store.append(second, 0, leaving)));
    Future<Long> waiting = await(secondAppend.future());
    for (int i = 0; i < 200 && budget.waiting() == 0; i++) {
      Thread.sleep(25);
    }
    assertThat(budget.waiting()).as("the second append waits for the only slot").isEqualTo(1);

    IllegalStateException gone = new IllegalStateException("connection closed");
    context.runOnContext(v -> leaving.fail(gone));
    assertThat(failureOfFuture(waiting)).isSameAs(gone);
    assertThat(budget.waiting()).isZero();

    context.runOnContext(v -> holding.release());
    assertThat(await(holder)).isEqualTo(content.size());
    assertThat(budget.free()).isEqualTo(1);
  }

  private static Throwable failureOfFuture(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the append succeeded");
  }

  /** A stream that never sends a byte and, like an HTTP request, tells a failure only to the handler set when it happens. */
  private static final class DroppingStream implements io.vertx.core.streams.ReadStream<Buffer> {
    private io.vertx.core.Handler<Throwable> exceptionHandler;

    void fail(Throwable cause) {
      if (exceptionHandler != null) {
        exceptionHandler.handle(cause);
      }
    }

    @Override
    public DroppingStream exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
      exceptionHandler = handler;
      return this;
    }

    @Override
    public DroppingStream handler(io.vertx.core.Handler<Buffer> handler) {
      return this;
    }

    @Override
    public DroppingStream pause() {
      return this;
    }

    @Override
    public DroppingStream resume() {
      return this;
    }

    @Override
    public DroppingStream fetch(long amount) {
      return this;
    }

    @Override
    public DroppingStream endHandler(io.vertx.core.Handler<Void> endHandler) {
      return this;
    }
  }

  /** Counts UploadPart requests, and how many were on their way at once. */
  private static class PartCounter implements ExecutionInterceptor {
    final AtomicInteger parts = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void beforeExecution(BeforeExecution execution, ExecutionAttributes attributes) {
      if (execution.request() instanceof UploadPartRequest) {
        parts.incrementAndGet();
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        started();
      }
    }

    /** After a part is counted, on the store's worker thread (never an event loop). */
    void started() {
    }

    @Override
    public void afterExecution(AfterExecution execution, ExecutionAttributes attributes) {
      if (execution.request() instanceof UploadPartRequest) {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void onExecutionFailure(FailedExecution execution, ExecutionAttributes attributes) {
      if (execution.request() instanceof UploadPartRequest) {
        inFlight.decrementAndGet();
      }
    }
  }

  /** Counts UploadPart requests in flight, and holds the first until a second one starts. */
  private static final class PartGate extends PartCounter {
    private final java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(2);

    @Override
    void started() {
      second.countDown();
      try {
        // bounded, so a sequential writer fails the test
        second.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aDigestMismatchAfterManyPartsLeavesNoObjectAtAll() throws Exception {
    GeneratedContent content = new GeneratedContent(33, 11L * 1024 * 1024, 8192);
    Digest claimed = new GeneratedContent(34, 10, 10).digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    appendAll(upload, 0, content);
    assertThat(failure(() -> store.commit(upload, claimed, null)).kind()).isEqualTo(Kind.DIGEST_MISMATCH);
    assertThat(objectKeys()).isEmpty();
  }

  // ----------------------------------------------------------------------------- the object store goes down

  @Test
  void whileTheObjectStoreIsDownCallsFailPromptlyAndTheStoreRecoversByItself() throws Exception {
    GeneratedContent content = new GeneratedContent(35, 30_000, 1000);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    String upload = on(() -> store.startUpload());
    assertThat(on(() -> store.append(upload, 0, content.stream(context, 0, 10_000)))).isEqualTo(10_000L);

    server.stop();
    try {
      long started = System.nanoTime();
      assertThat(failure(() -> store.stat(digest)).kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure(() -> store.startUpload()).kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure(() -> store.append(upload, 10_000, content.stream(context, 10_000, 30_000))).kind())
          .isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure(() -> store.commit(upload, digest, null)).kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(failure(() -> store.listBlobs(null, 10)).kind()).isEqualTo(Kind.UNAVAILABLE);
      // what readiness probes ask
      assertThat(failure(() -> store.ping()).kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("seconds to fail six calls")
          .isLessThan(15);
    } finally {
      server.start();
    }

    // back: the upload is where it was, and goes on
    assertThat(on(() -> store.uploadSize(upload))).isEqualTo(10_000L);
    assertThat(on(() -> store.append(upload, 10_000, content.stream(context, 10_000, 30_000)))).isEqualTo(30_000L);
    BlobInfo stored = on(() -> store.commit(upload, digest, 30_000L));
    assertThat(stored.size()).isEqualTo(30_000);
    assertThat(on(() -> store.stat(digest))).isPresent();
    assertThat(on(() -> store.ping())).isNull();
  }

  @Test
  void aPingForABucketThatIsGoneFailsUnavailable() throws Exception {
    on(() -> store.ping());
    server.deleteBucket(bucket);
    assertThat(failure(() -> store.ping()).kind()).isEqualTo(Kind.UNAVAILABLE);
    server.createBucket(bucket); // for dropStorage
  }

  @Test
  void aPresignedUrlServesTheBlobWithoutCredentialsAndOnlyWithItsSignature() throws Exception {
    GeneratedContent content = new GeneratedContent(36, 20_000, 1000);
    Digest digest = content.digest(DigestAlgorithm.SHA256);
    put(content, digest);

    URI url = on(() -> store.presignedUrl(digest, Duration.ofMinutes(2))).orElseThrow();
    assertThat(url.toString()).startsWith(server.endpoint() + "/" + bucket + "/" + PREFIX + "blobs/sha256/");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(content.slice(0, 20_000).getBytes());
    // ranges pass through, as clients resume a pull with them
    HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=100-199").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(content.slice(100, 100).getBytes());

    // the signature is what grants access: the same URL for another key is refused
    Digest other = new GeneratedContent(37, 10, 10).digest(DigestAlgorithm.SHA256);
    URI forged = URI.create(url.toString().replace(digest.hex(), other.hex()));
    assertThat(http.send(HttpRequest.newBuilder(forged).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(403);
  }
}
