package dev.xreg.xregistry.impl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.command.Reply;
import dev.xreg.core.render.Hole;
import dev.xreg.core.render.Serializer;
import dev.xreg.core.render.View;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.xregistry.CloseSnapshot;
import dev.xreg.storage.xregistry.ReadScope;
import dev.xreg.storage.xregistry.XRegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a JSON reply whose inlined collections a shallow read left open ({@link Hole}s) as a
 * chunked HTTP body (issue 6, streaming): each open collection is read from storage one chunk
 * of {@link ReadScope#CHUNK_SIZE} entities at a time (keyset cursors, one event-bus request
 * per chunk, the next chunk requested while the current one is written), and the next chunk
 * is written only when the response's write queue has drained. So the heap holds about two
 * chunks per open collection, whatever the size of the registry.
 *
 * <p>When the engine opened a snapshot for the document (issue 13: {@code /export}, inlined and
 * whole collections), every chunk is read from it, so the document is the registry as of one
 * moment; the snapshot is closed when the stream ends, however it ends. Without one, chunks are
 * separate reads: an entity present throughout the walk appears exactly once, entities created
 * or deleted meanwhile may or may not appear (docs/storage.md). A failure
 * after the first byte cannot become a problem document any more; the connection is reset
 * so that the client sees a truncated body, never a complete-looking one.
 */
final class StreamedJson {
  private static final Logger LOG = LoggerFactory.getLogger(StreamedJson.class);
  private static final int FLUSH_BYTES = 64 * 1024;

  private final HttpServerResponse response;
  private final Serializer serializer;
  private final EngineClient storage;
  private final Sink sink = new Sink();
  private final JsonGenerator json;

  private final String contentType;
  /** The engine's snapshot the chunks are read from; null for separate reads. */
  private final String snapshot;

  StreamedJson(HttpServerResponse response, Serializer serializer, EngineClient storage, ResponseEncoding encoding,
      String snapshot) {
    this.response = response;
    this.snapshot = snapshot;
    this.serializer = serializer;
    this.storage = storage;
    this.contentType = encoding.contentType();
    try {
      this.json = encoding.mapper().getFactory().createGenerator(sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code node} (a rendered entity) has collections left open, i.e. needs streaming. */
  static boolean hasHoles(ObjectNode node) {
    for (JsonNode v : node) {
      if (Serializer.holeOf(v) != null) {
        return true;
      }
    }
    return false;
  }

  /** Streams one entity rendered with holes. */
  void streamEntity(ObjectNode root) {
    run(() -> entity(root));
  }

  /**
   * Streams a collection response: the entities of {@code first}, then, when {@code first} is
   * the start of a whole collection rather than a client's page, every further chunk.
   */
  void streamCollection(String collectionXid, Map<String, List<String>> query, Reply.Page first) {
    Hole root = new Hole(collectionXid, serializer.rendering().inline(), "");
    boolean whole = !first.paginated();
    run(() -> {
      json.writeStartObject();
      return pages(root, query, Future.succeededFuture(first), whole);
    }, true);
  }

  private void run(Body body) {
    run(body, false);
  }

  private void run(Body body, boolean closeObject) {
    response.setChunked(true).putHeader("Content-Type", contentType);
    Future<Void> written;
    try {
      written = body.write();
    } catch (IOException | RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(done -> closeSnapshot()).compose(v -> {
      try {
        if (closeObject) {
          json.writeEndObject();
        }
        json.close();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      return response.end(sink.take());
    }).onFailure(err -> {
      if (response.closed()) {
        LOG.debug("event=stream_abandoned reason=client_closed");
      } else {
        LOG.error("event=stream_failed status_sent={} message={}", response.getStatusCode(), err.toString(), err);
        response.reset();
      }
    });
  }

  /** Every chunk was read (or the walk failed): the snapshot's connection is not needed any more. */
  private void closeSnapshot() {
    if (snapshot != null) {
      storage.send(new CloseSnapshot(snapshot, null));
    }
  }

  /** Writes an object's fields; a hole's collection is streamed in place, then the rest follows. */
  private Future<Void> entity(ObjectNode node) throws IOException {
    json.writeStartObject();
    return fields(node.fields());
  }

  private Future<Void> fields(Iterator<Map.Entry<String, JsonNode>> fields) throws IOException {
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      json.writeFieldName(f.getKey());
      Hole hole = Serializer.holeOf(f.getValue());
      if (hole != null) {
        json.writeStartObject();
        return pages(hole, Map.of(), fetch(hole.collectionXid(), chunkQuery(hole, Map.of(), null)), true)
            .compose(v -> resume(() -> {
              json.writeEndObject();
              return fields(fields);
            }));
      }
      json.writeTree(f.getValue());
    }
    json.writeEndObject();
    return Future.succeededFuture();
  }

  /**
   * Writes the entities of {@code page} and, if {@code follow}, of every later chunk, each
   * requested while the previous one is being written and written once the socket drained.
   * One promise per collection, completed by a loop of callbacks: no future chain grows with
   * the number of chunks, so a written chunk is garbage at once.
   */
  private Future<Void> pages(Hole hole, Map<String, List<String>> query, Future<Reply.Page> page, boolean follow) {
    Promise<Void> done = Promise.promise();
    page(hole, query, page, follow, done);
    return done.future();
  }

  private void page(Hole hole, Map<String, List<String>> query, Future<Reply.Page> page, boolean follow,
      Promise<Void> done) {
    page.onComplete(read -> {
      if (read.failed()) {
        done.fail(read.cause());
        return;
      }
      Reply.Page p = read.result();
      Future<Reply.Page> next = follow && p.nextCursor() != null
          ? fetch(hole.collectionXid(), chunkQuery(hole, query, p.nextCursor())) : null;
      resume(() -> items(hole, p.items().iterator())).compose(v -> paced()).onComplete(written -> {
        if (written.failed()) {
          done.fail(written.cause());
        } else if (next == null) {
          done.complete();
        } else {
          page(hole, query, next, true, done);
        }
      });
    });
  }

  private Future<Void> items(Hole hole, Iterator<View> items) throws IOException {
    while (items.hasNext()) {
      View v = items.next();
      if (!serializer.shows(v)) {
        continue; // the caller may not read it (issue 19)
      }
      json.writeFieldName(v.id());
      Future<Void> written = entity(serializer.toJson(v, hole.inline(), hole.pointerOf(v.id())));
      if (!written.isComplete()) {
        return written.compose(x -> resume(() -> items(hole, items)));
      }
      if (written.failed()) {
        return written;
      }
    }
    return Future.succeededFuture();
  }

  /**
   * The query of one chunk: the client's own flags for the response's root collection (its
   * filter and sort shape the set), nothing but what storage must load for a nested one.
   */
  private static Map<String, List<String>> chunkQuery(Hole hole, Map<String, List<String>> base, String cursor) {
    Map<String, List<String>> q = new LinkedHashMap<>(base);
    q.put("limit", List.of(Integer.toString(ReadScope.CHUNK_SIZE)));
    if (cursor != null) {
      q.put("cursor", List.of(cursor));
    } else {
      q.remove("cursor");
    }
    if (base.isEmpty() && isResourceCollection(hole.collectionXid()) && hole.inline().has("versions")) {
      q.put("inline", List.of("versions")); // a Resource's Versions are loaded with it
    }
    return q;
  }

  private static boolean isResourceCollection(String xid) {
    return xid.split("/").length == 4; // "", <GROUPS>, <gid>, <RESOURCES>
  }

  private Future<Reply.Page> fetch(String collectionXid, Map<String, List<String>> query) {
    if (response.closed()) {
      return Future.failedFuture("the client closed the connection");
    }
    RegistryRequest r = RegistryRequest.read(Target.ENTITY, collectionXid, query);
    return storage.send(new XRegistryCommand(r, ReadScope.CHUNK, snapshot)).map(reply -> {
      if (reply instanceof Reply.Page p) {
        return p;
      }
      throw new IllegalStateException("a chunk of " + collectionXid + " answered " + reply.getClass().getSimpleName());
    });
  }

  /** Hands what was generated to the response; completes once the response can take more. */
  private Future<Void> paced() {
    try {
      json.flush();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    if (sink.size() >= FLUSH_BYTES) {
      response.write(sink.take());
    }
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    response.drainHandler(v -> drained.tryComplete());
    response.closeHandler(v -> drained.tryFail("the client closed the connection"));
    return drained.future();
  }

  private static Future<Void> resume(Body next) {
    try {
      return next.write();
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** A step of the walk that writes JSON and may continue asynchronously. */
  @FunctionalInterface
  private interface Body {
    Future<Void> write() throws IOException;
  }

  /** Collects the generator's bytes until they are handed to the response. */
  private static final class Sink extends OutputStream {
    private Buffer pending = Buffer.buffer(FLUSH_BYTES);

    @Override
    public void write(int b) {
      pending.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.appendBytes(b, off, len);
    }

    int size() {
      return pending.length();
    }

    Buffer take() {
      Buffer out = pending;
      pending = Buffer.buffer(FLUSH_BYTES);
      return out;
    }
  }
}
