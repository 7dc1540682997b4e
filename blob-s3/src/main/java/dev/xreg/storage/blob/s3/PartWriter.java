package dev.xreg.storage.blob.s3;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes one append's stream into parts of the upload's S3 multipart upload. S3 takes parts
 * of at least {@link #MIN_PART_SIZE} (but the last), so the bytes gather in memory, after the
 * upload's previous tail, and go out as a part whenever {@link #PART_SIZE} are there; what is
 * left at the end of the stream becomes one more part if it is big enough, or else the
 * upload's new tail, which the store writes to a tail object. The multipart upload is started
 * with the first part, so blobs smaller than a part never use one.
 *
 * <p>Memory is bounded: one part in flight and one gathering, then the source is paused until
 * the part is stored. A chunk of a few bytes costs no S3 part: it only moves the tail.
 */
final class PartWriter {
  /** Parts are cut at this size: memory per append is about twice this. */
  static final int PART_SIZE = 8 * 1024 * 1024;
  /** S3's smallest part but the last. */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final Bucket bucket;
  private final String key;
  private final Promise<Written> result = Promise.promise();
  private final List<UploadState.Part> added = new ArrayList<>();
  private String multipart;
  private boolean startedMultipart;
  private int nextPart;
  private Buffer gathering;
  private long received;
  private Future<Void> inFlight;
  private boolean sourceEnded;
  private boolean done;
  private ReadStream<Buffer> source;

  /** What the append wrote: the parts added, the new tail still to be stored, and how many bytes came in. */
  record Written(String multipart, List<UploadState.Part> parts, Buffer tail, long received) {
  }

  /**
   * @param key the object the multipart upload will complete into
   * @param state the upload before this append
   * @param tail the bytes of its tail object, which come before the new bytes
   */
  PartWriter(Bucket bucket, String key, UploadState state, Buffer tail) {
    this.bucket = bucket;
    this.key = key;
    this.multipart = state.multipartId();
    this.nextPart = state.nextPartNumber();
    // grown as bytes come: a chunk of a few bytes must not cost a part-sized allocation
    this.gathering = Buffer.buffer(tail.length() + INITIAL_CAPACITY).appendBuffer(tail);
  }

  /** Consumes the (paused) stream; fails with the stream's own failure, unchanged, or the bucket's. */
  Future<Written> write(ReadStream<Buffer> data) {
    this.source = data;
    data.exceptionHandler(this::fail);
    data.endHandler(v -> {
      sourceEnded = true;
      finishWhenIdle();
    });
    data.handler(chunk -> {
      if (done) {
        return;
      }
      received += chunk.length();
      gathering.appendBuffer(chunk);
      if (gathering.length() >= PART_SIZE) {
        cutPart();
      }
    });
    data.resume();
    return result.future();
  }

  /** The multipart upload this append started, if any: the store aborts it when the append fails. */
  String startedMultipart() {
    return startedMultipart ? multipart : null;
  }

  private void cutPart() {
    if (inFlight != null) {
      // one part is on its way: wait for it before gathering a third
      source.pause();
      return;
    }
    Buffer part = gathering;
    gathering = Buffer.buffer(INITIAL_CAPACITY);
    inFlight = send(part).onComplete(sent -> {
      inFlight = null;
      if (sent.failed()) {
        fail(sent.cause());
      } else if (!done) {
        if (gathering.length() >= PART_SIZE) {
          cutPart();
        } else if (!sourceEnded) {
          source.resume();
        }
        finishWhenIdle();
      }
    });
  }

  private Future<Void> send(Buffer part) {
    int number = nextPart++;
    Future<String> upload = multipart != null ? Future.succeededFuture(multipart)
        : bucket.startMultipart(key).onSuccess(id -> {
          multipart = id;
          startedMultipart = true;
        });
    return upload.compose(id -> bucket.uploadPart(key, id, number, part)).map(stored -> {
      added.add(stored);
      return null;
    });
  }

  private void finishWhenIdle() {
    if (done || !sourceEnded || inFlight != null) {
      return;
    }
    if (gathering.length() >= MIN_PART_SIZE) {
      // big enough to be a part of its own: no tail to write
      Buffer part = gathering;
      gathering = Buffer.buffer();
      inFlight = send(part).onComplete(sent -> {
        inFlight = null;
        if (sent.failed()) {
          fail(sent.cause());
        } else {
          finishWhenIdle();
        }
      });
      return;
    }
    done = true;
    result.tryComplete(new Written(multipart, List.copyOf(added), gathering, received));
  }

  private void fail(Throwable failure) {
    if (!done) {
      done = true;
      result.tryFail(failure);
    }
  }
}
