package dev.xreg.bench;

import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The baseline of the blob pull rows (O1, issue 14): {@code GET /file/:name} sends a file of
 * one directory with {@code sendFile} (zero-copy where the OS allows it), as a registry serving
 * blobs from disk at best could. Only plain file names are accepted, never a path.
 */
final class FileSend {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path dir;

  FileSend(Path dir) {
    this.dir = dir;
  }

  static boolean validName(String name) {
    return NAME.matcher(name).matches() && !name.contains("..");
  }

  void handle(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!validName(name)) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "application/octet-stream").sendFile(file.toString())
        .onFailure(err -> ctx.response().reset());
  }
}
