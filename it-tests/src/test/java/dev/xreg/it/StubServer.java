package dev.xreg.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny loopback HTTP server for what a real xreg does not do on demand: fail with a 500,
 * answer something that is not JSON, or serve a directory of static files. It records the
 * requests' Authorization headers.
 */
final class StubServer implements AutoCloseable {
  private final HttpServer http;
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  private StubServer(HttpHandler handler) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      handler.handle(exchange);
    });
    http.start();
  }

  /** Answers every request with this status, content type and body. */
  static StubServer answering(int status, String contentType, String body) throws IOException {
    return new StubServer(exchange -> reply(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Serves {@code dir} as a static web server configured with {@code index index.json}
   * serves an {@code xreg download} tree: {@code /a/b} from {@code dir/a/b/index.json}.
   */
  static StubServer serving(java.nio.file.Path dir) throws IOException {
    return new StubServer(exchange -> {
      String path = exchange.getRequestURI().getPath();
      java.nio.file.Path file = dir.resolve(path.substring(1)).normalize().resolve("index.json");
      if (!file.startsWith(dir) || !java.nio.file.Files.isRegularFile(file)) {
        reply(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      } else {
        reply(exchange, 200, "application/json", java.nio.file.Files.readAllBytes(file));
      }
    });
  }

  private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
