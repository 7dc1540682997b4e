package dev.xreg.storage.blob.s3;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * on each part's round trip). Every part, gathering or on its way, holds a slot of the store's
 * {@link PartBudget}: the source is paused while the part in hand is full and cannot go yet, or
 * while no slot is free for the next one, so the heap all uploads hold together stays within
 * the budget. Parts may be stored in any order; they are numbered when cut, and reported in
 * number order. A chunk of a few bytes costs no S3 part: it only moves the tail.
 *
 * <p>Everything runs on the context of the caller of {@link #write}: the source's, the bucket's
 * and the budget's callbacks all come back there.
 */
final class PartWriter {
  /** Parts are cut at this size. */
  static final int PART_SIZE = 8 * 1024 * 1024;
  /** S3's smallest part but the last. */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  /** Parts stored concurrently by one append, when the budget has the slots. */
  static final int PARTS_IN_FLIGHT = 2;

  private final Bucket bucket;
  private final PartBudget budget;
  private final String key;
  private final Promise<Written> result = Promise.promise();
  private final List<UploadState.Part> added = new ArrayList<>();
  /** Chunks (or what is left of one) that came while the part in hand could not take them. */
  private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private String multipart;
  /** The multipart upload, started once by whichever part goes first. */
  private Future<String> multipartReady;
  private boolean startedMultipart;
  private int nextPart;
  /** The part being gathered and its slot; both null while the append waits for a slot or has none. */
  private PartBuffer gathering;
  private PartBudget.Slot gatheringSlot;
  private boolean awaitingSlot;
  private long received;
  private int inFlight;
  /** The first failure; reported once no part is on its way any more, so that an abort comes after them. */
  private Throwable failure;
  private boolean sourceEnded;
  private boolean done;
  private ReadStream<Buffer> source;
  private boolean paused;

  /** What the append wrote: the parts added, the new tail still to be stored, and how many bytes came in. */
  record Written(String multipart, List<UploadState.Part> parts, ByteBuffer tail, long received) {
  }

  /**
   * @param key the object the multipart upload will complete into
   * @param state the upload before this append
   * @param slot the budget's slot for the first part, which starts with the tail
   * @param tail the bytes of the upload's tail object, which come before the new bytes
   */
  PartWriter(Bucket bucket, PartBudget budget, String key, UploadState state, PartBudget.Slot slot, Buffer tail) {
    this.bucket = bucket;
    this.budget = budget;
    this.key = key;
    this.multipart = state.multipartId();
    this.multipartReady = multipart == null ? null : Future.succeededFuture(multipart);
    this.nextPart = state.nextPartNumber();
    this.gatheringSlot = slot;
    this.gathering = new PartBuffer(tail);
  }

  /**
   * Consumes the (paused) stream; fails with the stream's own failure, unchanged, or the
   * bucket's. {@code abandoned} carries a failure the stream reported before this writer
   * listened (while the append waited), which the stream itself will not report again.
   */
  Future<Written> write(ReadStream<Buffer> data, Future<Void> abandoned) {
    this.source = data;
    if (abandoned.failed()) {
      fail(abandoned.cause());
      return result.future();
    }
    data.exceptionHandler(this::fail);
    data.endHandler(v -> {
      sourceEnded = true;
      pump();
    });
    data.handler(chunk -> {
      if (done || failure != null) {
        return;
      }
      received += chunk.length();
      pending.add(chunk);
      pump();
    });
    data.resume();
    return result.future();
  }

  /** The multipart upload this append started, if any: the store aborts it when the append fails. */
  String startedMultipart() {
    return startedMultipart ? multipart : null;
  }

  /** Gives the slot of the part in hand back; the store calls it once the tail (which lives in that part) is stored. */
  void close() {
    if (gatheringSlot != null) {
      gatheringSlot.release();
      gatheringSlot = null;
      gathering = null;
    }
  }

  /**
   * Moves the bytes on as far as they can go after any event (a chunk, the end, a stored part,
   * a granted slot, a failure): into the part in hand, out as a part, on to the result.
   */
  private void pump() {
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
    while (true) {
      if (gathering != null && gathering.isFull()) {
        if (inFlight == PARTS_IN_FLIGHT) {
          break;
        }
        send();
      } else if (gathering != null && !pending.isEmpty()) {
        Buffer chunk = pending.poll();
        int taken = gathering.fill(chunk, 0);
        if (taken < chunk.length()) {
          pending.addFirst(chunk.slice(taken, chunk.length()));
        }
      } else {
        break;
      }
    }
    if (gathering == null && (!pending.isEmpty() || !sourceEnded)) {
      awaitSlot();
    }
    if (!sourceEnded) {
      // read on only while the part in hand can take the next chunk at once
      boolean pause = gathering == null || gathering.isFull();
      if (pause != paused) {
        paused = pause;
        if (pause) {
          source.pause();
        } else {
          source.resume();
        }
      }
      return;
    }
    if (!pending.isEmpty()) {
      return;
    }
    if (gathering != null && gathering.length() >= MIN_PART_SIZE) {
      // big enough to be a part of its own: no tail to write
      if (inFlight < PARTS_IN_FLIGHT) {
        send();
      }
      return;
    }
    if (inFlight == 0) {
      done = true;
      List<UploadState.Part> parts = new ArrayList<>(added);
      parts.sort(Comparator.comparingInt(UploadState.Part::number));
      ByteBuffer tail = gathering == null ? ByteBuffer.allocate(0) : gathering.contents();
      result.tryComplete(new Written(multipart, List.copyOf(parts), tail, received));
    }
  }

  private void awaitSlot() {
    if (awaitingSlot) {
      return;
    }
    awaitingSlot = true;
    // an append that fails while it waits leaves the queue (its result is the abandonment)
    budget.acquire(result.future()).onSuccess(slot -> {
      awaitingSlot = false;
      if (done || failure != null) {
        slot.release();
        pump();
        return;
      }
      gatheringSlot = slot;
      gathering = new PartBuffer();
      pump();
    });
  }

  /** Sends the part in hand; its slot is freed once the object store answers. */
  private void send() {
    PartBuffer part = gathering;
    PartBudget.Slot slot = gatheringSlot;
    gathering = null;
    gatheringSlot = null;
    int number = nextPart++;
    inFlight++;
    multipart().compose(id -> bucket.uploadPart(key, id, number, part.contents())).onComplete(sent -> {
      slot.release();
      inFlight--;
      if (sent.succeeded()) {
        added.add(sent.result());
      } else if (failure == null) {
        failure = sent.cause();
      }
      pump();
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

  private void fail(Throwable cause) {
    if (!done && failure == null) {
      failure = cause;
      pump();
    }
  }
}
