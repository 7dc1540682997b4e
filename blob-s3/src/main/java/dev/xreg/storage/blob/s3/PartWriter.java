package dev.xreg.storage.blob.s3;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Consumes one append's stream into parts of the upload's S3 multipart upload. S3 takes parts
 * of at least {@link #MIN_PART_SIZE} (but the last), so the bytes gather in memory, after the
 * upload's previous tail, and go out as a part whenever {@link #PART_SIZE} are there; what is
 * left at the end of the stream becomes one more part if it is big enough, or else the
 * upload's new tail, which the store writes to a tail object. The multipart upload is started
 * with the first part, so blobs smaller than a part never use one.
 *
 * <p>Up to {@link #PARTS_IN_FLIGHT} parts are on their way at once, so one upload keeps the
 * object store busy while the next part gathers (one part at a time left every append waiting
 * on each part's round trip). Memory stays bounded: those parts plus one gathering, then the
 * source is paused until a part is stored. Parts may be stored in any order; they are numbered
 * when cut, and reported in number order. A chunk of a few bytes costs no S3 part: it only
 * moves the tail.
 */
final class PartWriter {
  /** Parts are cut at this size. */
  static final int PART_SIZE = 8 * 1024 * 1024;
  /** S3's smallest part but the last. */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  /** Parts stored concurrently by one append: its memory is about {@code (PARTS_IN_FLIGHT + 1) * PART_SIZE}. */
  static final int PARTS_IN_FLIGHT = 2;
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final Bucket bucket;
  private final String key;
  private final Promise<Written> result = Promise.promise();
  private final List<UploadState.Part> added = new ArrayList<>();
  private String multipart;
  /** The multipart upload, started once by whichever part goes first. */
  private Future<String> multipartReady;
  private boolean startedMultipart;
  private int nextPart;
  private Buffer gathering;
  private long received;
  private int inFlight;
  /** The first failure; reported once no part is on its way any more, so that an abort comes after them. */
  private Throwable failure;
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
    this.multipartReady = multipart == null ? null : Future.succeededFuture(multipart);
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
      settle();
    });
    data.handler(chunk -> {
      if (done || failure != null) {
        return;
      }
      received += chunk.length();
      gathering.appendBuffer(chunk);
      if (gathering.length() >= PART_SIZE) {
        cutParts();
      }
    });
    data.resume();
    return result.future();
  }

  /** The multipart upload this append started, if any: the store aborts it when the append fails. */
  String startedMultipart() {
    return startedMultipart ? multipart : null;
  }

  /** Sends what has gathered if a part may go; else pauses the source until one is stored. */
  private void cutParts() {
    if (inFlight < PARTS_IN_FLIGHT) {
      sendGathered();
    } else if (!sourceEnded) {
      source.pause();
    }
  }

  private void sendGathered() {
    Buffer part = gathering;
    gathering = Buffer.buffer(INITIAL_CAPACITY);
    int number = nextPart++;
    inFlight++;
    multipart().compose(id -> bucket.uploadPart(key, id, number, part)).onComplete(sent -> {
      inFlight--;
      if (sent.succeeded()) {
        added.add(sent.result());
      } else if (failure == null) {
        failure = sent.cause();
      }
      settle();
    });
  }

  private Future<String> multipart() {
    if (multipartReady == null) {
      multipartReady = bucket.startMultipart(key).onSuccess(id -> {
        multipart = id;
        startedMultipart = true;
      });
    }
    return multipartReady;
  }

  /** After a part is stored, the stream ends or fails: go on, finish, or report the failure. */
  private void settle() {
    if (done) {
      return;
    }
    if (failure != null) {
      if (inFlight == 0) {
        done = true;
        result.tryFail(failure);
      }
      return;
    }
    if (gathering.length() >= PART_SIZE) {
      cutParts();
    }
    if (!sourceEnded) {
      if (gathering.length() < PART_SIZE) {
        source.resume();
      }
      return;
    }
    if (gathering.length() >= MIN_PART_SIZE) {
      // big enough to be a part of its own: no tail to write
      if (inFlight < PARTS_IN_FLIGHT) {
        sendGathered();
      }
      return;
    }
    if (inFlight == 0) {
      done = true;
      List<UploadState.Part> parts = new ArrayList<>(added);
      parts.sort(Comparator.comparingInt(UploadState.Part::number));
      result.tryComplete(new Written(multipart, List.copyOf(parts), gathering, received));
    }
  }

  private void fail(Throwable cause) {
    if (!done && failure == null) {
      failure = cause;
      settle();
    }
  }
}
