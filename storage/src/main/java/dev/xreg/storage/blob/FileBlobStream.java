package dev.xreg.storage.blob;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;

/** A range of a local file as a {@link BlobStream}: the file handle is closed at the end, on failure, or on {@link #close()}. */
final class FileBlobStream implements BlobStream {
  private final AsyncFile file;
  private boolean closed;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  FileBlobStream(AsyncFile file) {
    this.file = file;
    file.endHandler(v -> {
      close();
      if (endHandler != null) {
        endHandler.handle(null);
      }
    });
    file.exceptionHandler(failure -> {
      close();
      if (exceptionHandler != null) {
        exceptionHandler.handle(failure);
      }
    });
  }

  @Override
  public FileBlobStream handler(Handler<Buffer> handler) {
    file.handler(handler);
    return this;
  }

  @Override
  public FileBlobStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public FileBlobStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  @Override
  public FileBlobStream pause() {
    file.pause();
    return this;
  }

  @Override
  public FileBlobStream resume() {
    file.resume();
    return this;
  }

  @Override
  public FileBlobStream fetch(long amount) {
    file.fetch(amount);
    return this;
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    try {
      return file.close();
    } catch (IllegalStateException alreadyClosed) {
      return Future.succeededFuture();
    }
  }
}
