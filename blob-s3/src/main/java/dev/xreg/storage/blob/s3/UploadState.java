package dev.xreg.storage.blob.s3;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to resume or commit an upload, kept in the bucket itself (the upload's
 * {@code state} object) so that any node can take the next chunk: how many bytes it holds,
 * the S3 multipart upload its full parts went to (none until the first part), those parts'
 * numbers, ETags and sizes, and how many of its last bytes wait in its tail object because
 * they are fewer than S3's minimum part size. The bytes are {@code sum(parts) + tail}.
 *
 * <p>Writing the state object is the one step that makes an append count: whatever an append
 * wrote before a failure (parts past the recorded ones, a new tail object) is unreferenced and
 * is overwritten or discarded later.
 *
 * @param modifiedAt when the state was last written (read back from the object, not stored)
 */
record UploadState(long size, String multipartId, List<Part> parts, long tail, Instant modifiedAt) {

  /** A completed part of the multipart upload. */
  record Part(int number, String etag, long size) {
  }

  UploadState {
    parts = List.copyOf(parts);
  }

  static UploadState empty() {
    return new UploadState(0, null, List.of(), 0, Instant.now());
  }

  /** The state after an append: the parts it added and its new tail. */
  UploadState appended(long newSize, String multipart, List<Part> added, long newTail) {
    List<Part> all = new ArrayList<>(parts);
    all.addAll(added);
    return new UploadState(newSize, multipart, all, newTail, Instant.now());
  }

  int nextPartNumber() {
    return parts.size() + 1;
  }

  Buffer toBuffer() {
    JsonArray partList = new JsonArray();
    for (Part part : parts) {
      partList.add(new JsonObject().put("number", part.number()).put("etag", part.etag()).put("size", part.size()));
    }
    return new JsonObject().put("size", size).put("multipartId", multipartId).put("parts", partList)
        .put("tail", tail).toBuffer();
  }

  static UploadState fromBuffer(Buffer bytes, Instant modifiedAt) {
    JsonObject json = bytes.toJsonObject();
    List<Part> parts = new ArrayList<>();
    for (Object each : json.getJsonArray("parts", new JsonArray())) {
      JsonObject part = (JsonObject) each;
      parts.add(new Part(part.getInteger("number"), part.getString("etag"), part.getLong("size")));
    }
    return new UploadState(json.getLong("size"), json.getString("multipartId"), parts, json.getLong("tail", 0L),
        modifiedAt);
  }
}
