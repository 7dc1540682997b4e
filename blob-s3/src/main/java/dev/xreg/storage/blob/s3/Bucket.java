package dev.xreg.storage.blob.s3;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobException.Kind;
import dev.xreg.storage.blob.BlobStoreOptions;
import dev.xreg.storage.blob.Digest;
import dev.xreg.storage.blob.DigestAlgorithm;
import dev.xreg.storage.blob.Digester;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * One bucket of an S3-compatible object store, as Vert.x futures. Every request is started on
 * the store's bounded worker pool (signing hashes request bodies, and the default credential
 * chain may read files) and completes on the caller's context, so neither the SDK nor its
 * CRT threads ever run a caller's handlers, and no event loop ever runs SDK code. The CRT
 * HTTP client's I/O is asynchronous: no thread waits on the network.
 *
 * <p>A 404 (or an unknown multipart upload) fails with {@link ObjectMissing}; every other
 * failure (refused connection, timeout, 5xx, denied access) with {@link Kind#UNAVAILABLE}.
 * Requests are bounded: a connection must open within {@link #CONNECT_TIMEOUT}, an attempt
 * answer within {@link #REQUEST_TIMEOUT} (copies and completions, whose server-side work grows
 * with the size, within {@link #LONG_REQUEST_TIMEOUT}), with at most {@link #MAX_ATTEMPTS}.
 */
final class Bucket {
  private static final Logger LOG = LoggerFactory.getLogger(Bucket.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration LONG_REQUEST_TIMEOUT = Duration.ofMinutes(15);
  static final int MAX_ATTEMPTS = 3;
  /**
   * Connections to the object store, shared by every request of this store. A download holds
   * one for as long as its client reads, so this bounds concurrent pulls per node.
   */
  static final int MAX_CONNECTIONS = 256;
  /**
   * How far the CRT reads a response ahead of its consumer, per connection: what a download
   * to a slow client holds in memory (the CRT's default is several MiB).
   */
  static final long READ_WINDOW = 1024L * 1024;
  /** S3's limit for a single CopyObject; larger objects are copied part by part. */
  static final long COPY_LIMIT = 5L * 1024 * 1024 * 1024;
  private static final long COPY_PART_SIZE = 1024L * 1024 * 1024;

  private final S3AsyncClient client;
  /** Signs GET URLs for redirects ({@code XREG_BLOB_REDIRECT}); local computation, no request. */
  private final S3Presigner presigner;
  private final String name;
  private final WorkerExecutor worker;
  private final long copyLimit;
  private final long copyPartSize;

  Bucket(S3AsyncClient client, S3Presigner presigner, String name, WorkerExecutor worker, long copyLimit,
      long copyPartSize) {
    this.client = client;
    this.presigner = presigner;
    this.name = name;
    this.worker = worker;
    this.copyLimit = copyLimit;
    this.copyPartSize = copyPartSize;
  }

  /** Builds the client (on the worker: the CRT loads its native library) and checks that the bucket answers. */
  static Future<Bucket> connect(BlobStoreOptions options, WorkerExecutor worker) {
    return connect(options, worker, COPY_LIMIT, COPY_PART_SIZE, List.of());
  }

  /** As {@link #connect(BlobStoreOptions, WorkerExecutor)}, with the copy limit and SDK interceptors that tests set. */
  static Future<Bucket> connect(BlobStoreOptions options, WorkerExecutor worker, long copyLimit, long copyPartSize,
      List<ExecutionInterceptor> interceptors) {
    if (options.getS3Bucket().isBlank()) {
      return Future.failedFuture(new BlobException(Kind.UNAVAILABLE, "no S3 bucket is configured (XREG_S3_BUCKET)"));
    }
    if (options.getS3AccessKey().isEmpty() != options.getS3SecretKey().isEmpty()) {
      return Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
          "set both XREG_S3_ACCESS_KEY and XREG_S3_SECRET_KEY, or neither (the SDK's default credentials)"));
    }
    return worker.executeBlocking(() -> {
      AwsCredentialsProvider credentials = credentials(options);
      return new Bucket(client(options, credentials, interceptors), presigner(options, credentials),
          options.getS3Bucket(), worker, copyLimit, copyPartSize);
    }, false)
        .recover(failure -> Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
            "cannot set up the S3 client: " + failure.getMessage(), failure)))
        .compose(bucket -> bucket.check()
            .transform(checked -> {
              if (checked.succeeded()) {
                return Future.succeededFuture(bucket);
              }
              Throwable failure = checked.cause() instanceof ObjectMissing
                  ? new BlobException(Kind.UNAVAILABLE, "the S3 bucket " + bucket.name + " does not exist")
                  : checked.cause();
              return bucket.close().transform(closed -> Future.failedFuture(failure));
            }));
  }

  private static S3AsyncClient client(BlobStoreOptions options, AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors) {
    S3AsyncClientBuilder builder = S3AsyncClient.builder()
        .httpClientBuilder(AwsCrtAsyncHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxConcurrency(MAX_CONNECTIONS)
            .readBufferSizeInBytes(READ_WINDOW))
        // S3-compatible servers often lack the newer flexible checksums (CRC trailers on
        // uploads); integrity is ours anyway: every blob is verified against its digest
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(REQUEST_TIMEOUT)
            .retryStrategy(retry -> retry.maxAttempts(MAX_ATTEMPTS))
            .executionInterceptors(interceptors))
        // completions hop straight to the caller's Vert.x context: no SDK thread pool needed
        .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run))
        .credentialsProvider(credentials);
    if (!options.getS3Endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(options.getS3Endpoint())).forcePathStyle(true);
    }
    region(options).ifPresent(builder::region);
    return builder.build();
  }

  /** Signs URLs for the same endpoint, addressing and credentials as the client. */
  private static S3Presigner presigner(BlobStoreOptions options, AwsCredentialsProvider credentials) {
    S3Presigner.Builder builder = S3Presigner.builder().credentialsProvider(credentials);
    if (!options.getS3Endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(options.getS3Endpoint()))
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    region(options).ifPresent(builder::region);
    return builder.build();
  }

  /** The configured region; with a custom endpoint and none configured, {@code us-east-1}; else the SDK's chain. */
  private static Optional<Region> region(BlobStoreOptions options) {
    if (!options.getS3Region().isEmpty()) {
      return Optional.of(Region.of(options.getS3Region()));
    }
    // S3-compatible servers rarely care, but SigV4 needs some region
    return options.getS3Endpoint().isEmpty() ? Optional.empty() : Optional.of(Region.US_EAST_1);
  }

  private static AwsCredentialsProvider credentials(BlobStoreOptions options) {
    if (options.getS3AccessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(options.getS3AccessKey(), options.getS3SecretKey()));
  }

  String name() {
    return name;
  }

  /** The bucket answers (HeadBucket): at start-up, and for readiness probes. */
  Future<Void> check() {
    return call("check bucket " + name, () -> client.headBucket(b -> b.bucket(name))).mapEmpty();
  }

  /**
   * A GET URL for the object signed for {@code validFor}, on the worker (the credential chain
   * may read files or call a metadata service when it refreshes).
   */
  Future<URI> presignGet(String key, Duration validFor) {
    return worker.executeBlocking(() -> presigner.presignGetObject(GetObjectPresignRequest.builder()
        .signatureDuration(validFor).getObjectRequest(b -> b.bucket(name).key(key)).build()).url().toURI(), false)
        .recover(failure -> Future.failedFuture(new BlobException(Kind.UNAVAILABLE,
            "cannot sign a URL for " + key + ": " + failure.getMessage(), failure)));
  }

  // ----------------------------------------------------------------------------- objects

  /** The object's metadata, or empty when there is none under the key. */
  Future<Optional<HeadObjectResponse>> head(String key) {
    return call("head " + key, () -> client.headObject(b -> b.bucket(name).key(key)))
        .map(Optional::of)
        .recover(failure -> failure instanceof ObjectMissing ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(failure));
  }

  /** A small object's bytes and its metadata, or empty when there is none under the key. */
  Future<Optional<StoredBytes>> getBytes(String key) {
    return call("get " + key, () -> client.getObject(b -> b.bucket(name).key(key), AsyncResponseTransformer.toBytes()))
        .map(response -> Optional.of(new StoredBytes(Buffer.buffer(response.asByteArrayUnsafe()), response.response())))
        .recover(failure -> failure instanceof ObjectMissing ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(failure));
  }

  /** A small object's bytes with the response that carried them. */
  record StoredBytes(Buffer bytes, GetObjectResponse response) {
  }

  Future<Void> put(String key, Buffer bytes) {
    return put(key, ByteBuffer.wrap(bytes.getBytes()));
  }

  /** Stores the buffer's remaining bytes, not copied: they must not change until the future completes. */
  Future<Void> put(String key, ByteBuffer bytes) {
    return call("put " + key, () -> client.putObject(b -> b.bucket(name).key(key).contentLength((long) bytes.remaining()),
        AsyncRequestBody.fromRemainingByteBufferUnsafe(bytes))).mapEmpty();
  }

  /**
   * Streams {@code length} bytes of the object from {@code offset} (a ranged GET), with
   * back-pressure, on the caller's context. A length of 0 sends no request.
   */
  Future<ObjectStream> stream(String key, long offset, long length) {
    Context context = Vertx.currentContext();
    if (length == 0) {
      return Future.succeededFuture(ObjectStream.empty(context));
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    return call("get " + key, () -> client.getObject(b -> b.bucket(name).key(key).range(range),
        AsyncResponseTransformer.<GetObjectResponse>toPublisher()))
        .map(publisher -> ObjectStream.of(context, publisher, key));
  }

  /**
   * Hashes the object's bytes as they arrive, on the SDK's threads (never an event loop), one
   * buffer at a time so that nothing is held but the buffer in hand.
   */
  Future<Digester> digest(String key, DigestAlgorithm algorithm) {
    return call("get " + key, () -> client.getObject(b -> b.bucket(name).key(key),
        AsyncResponseTransformer.<GetObjectResponse>toPublisher())
        .thenCompose(publisher -> hash(publisher, Digester.of(algorithm))));
  }

  private static CompletableFuture<Digester> hash(ResponsePublisher<GetObjectResponse> publisher, Digester digester) {
    CompletableFuture<Digester> done = new CompletableFuture<>();
    publisher.subscribe(new Subscriber<ByteBuffer>() {
      private Subscription subscription;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(ByteBuffer bytes) {
        digester.update(bytes);
        subscription.request(1);
      }

      @Override
      public void onError(Throwable failure) {
        done.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        done.complete(digester);
      }
    });
    return done;
  }

  /** Copies an object within the bucket, server-side; objects past S3's copy limit part by part. */
  Future<Void> copy(String source, String target, long size) {
    if (size <= copyLimit) {
      return call("copy " + source + " to " + target, () -> client.copyObject(b -> b
          .sourceBucket(name).sourceKey(source).destinationBucket(name).destinationKey(target)
          .overrideConfiguration(o -> o.apiCallAttemptTimeout(LONG_REQUEST_TIMEOUT)))).mapEmpty();
    }
    return startMultipart(target).compose(multipart -> copyParts(source, target, size, multipart, 0, new ArrayList<>())
        .compose(parts -> complete(target, multipart, parts))
        .recover(failure -> abort(target, multipart).transform(aborted -> Future.failedFuture(failure))));
  }

  private Future<List<UploadState.Part>> copyParts(String source, String target, long size, String multipart,
      long from, List<UploadState.Part> done) {
    if (from >= size) {
      return Future.succeededFuture(done);
    }
    long to = Math.min(size, from + copyPartSize);
    int number = done.size() + 1;
    return call("copy part " + number + " of " + source, () -> client.uploadPartCopy(b -> b
        .sourceBucket(name).sourceKey(source).destinationBucket(name).destinationKey(target)
        .uploadId(multipart).partNumber(number).copySourceRange("bytes=" + from + "-" + (to - 1))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(LONG_REQUEST_TIMEOUT))))
        .compose(response -> {
          done.add(new UploadState.Part(number, response.copyPartResult().eTag(), to - from));
          return copyParts(source, target, size, multipart, to, done);
        });
  }

  Future<Void> delete(String key) {
    return call("delete " + key, () -> client.deleteObject(b -> b.bucket(name).key(key))).mapEmpty();
  }

  /**
   * Deletes the keys, all at once, one request each: an upload has a handful of objects, and
   * DeleteObjects needs request checksums that S3-compatible servers implement unevenly.
   */
  Future<Void> deleteAll(List<String> keys) {
    return Future.all(keys.stream().map(this::delete).toList()).mapEmpty();
  }

  /** One page of keys under {@code prefix}, after {@code startAfter} or from a continuation token. */
  Future<ListObjectsV2Response> list(String prefix, String startAfter, String continuation, int maxKeys) {
    return call("list " + prefix, () -> client.listObjectsV2(b -> b.bucket(name).prefix(prefix)
        .startAfter(startAfter).continuationToken(continuation).maxKeys(maxKeys)));
  }

  // ----------------------------------------------------------------------------- multipart uploads

  Future<String> startMultipart(String key) {
    return call("start multipart " + key, () -> client.createMultipartUpload(b -> b.bucket(name).key(key)))
        .map(response -> response.uploadId());
  }

  /** Sends the buffer's remaining bytes as a part, not copied: they must not change until the future completes. */
  Future<UploadState.Part> uploadPart(String key, String multipart, int number, ByteBuffer bytes) {
    long size = bytes.remaining();
    return call("upload part " + number + " of " + key, () -> client.uploadPart(b -> b.bucket(name).key(key)
        .uploadId(multipart).partNumber(number).contentLength(size), AsyncRequestBody.fromRemainingByteBufferUnsafe(bytes)))
        .map(response -> new UploadState.Part(number, response.eTag(), size));
  }

  /** Makes an existing object (at most 5 GiB) a part, server-side: the last, short part of an upload. */
  Future<UploadState.Part> copyPart(String source, long size, String key, String multipart, int number) {
    return call("copy part " + number + " of " + key, () -> client.uploadPartCopy(b -> b
        .sourceBucket(name).sourceKey(source).destinationBucket(name).destinationKey(key)
        .uploadId(multipart).partNumber(number)))
        .map(response -> new UploadState.Part(number, response.copyPartResult().eTag(), size));
  }

  Future<Void> complete(String key, String multipart, List<UploadState.Part> parts) {
    List<CompletedPart> completed = parts.stream()
        .map(part -> CompletedPart.builder().partNumber(part.number()).eTag(part.etag()).build()).toList();
    return call("complete multipart " + key, () -> client.completeMultipartUpload(b -> b.bucket(name).key(key)
        .uploadId(multipart).multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(LONG_REQUEST_TIMEOUT)))).mapEmpty();
  }

  /** Aborts a multipart upload; one that is already gone is no failure. */
  Future<Void> abort(String key, String multipart) {
    return call("abort multipart " + key, () -> client.abortMultipartUpload(b -> b.bucket(name).key(key)
        .uploadId(multipart))).<Void>mapEmpty()
        .recover(failure -> failure instanceof ObjectMissing ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Closes the client and its connections (on the worker: the CRT waits for its threads). */
  Future<Void> close() {
    return worker.executeBlocking(() -> {
      client.close();
      presigner.close();
      return null;
    }, false);
  }

  // ----------------------------------------------------------------------------- calls and failures

  /**
   * Starts the request on the worker pool and completes on the caller's context, naming the
   * failure ({@code what} is for the message and the log).
   */
  private <T> Future<T> call(String what, Supplier<CompletableFuture<T>> request) {
    Context context = Vertx.currentContext();
    return worker.executeBlocking(request::get, false)
        .compose(started -> context == null ? Future.fromCompletionStage(started)
            : Future.fromCompletionStage(started, context))
        .recover(failure -> Future.failedFuture(classify(what, failure)));
  }

  private Throwable classify(String what, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof BlobException) {
      return cause;
    }
    if (cause instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
      if (service.statusCode() == 404 && !"NoSuchBucket".equals(code)) {
        return new ObjectMissing(what, cause);
      }
      LOG.warn("The object store refused to {} in bucket {}: {} {}", what, name, service.statusCode(), code);
      return new BlobException(Kind.UNAVAILABLE,
          "the object store refused to " + what + ": " + service.statusCode() + " " + code, cause);
    }
    LOG.warn("Could not {} in bucket {}: {}", what, name, cause.toString());
    return new BlobException(Kind.UNAVAILABLE, "the object store is unreachable (" + what + "): " + cause.getMessage(),
        cause);
  }
}
