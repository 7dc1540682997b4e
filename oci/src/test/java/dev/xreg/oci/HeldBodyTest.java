package dev.xreg.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A held upload body tells its reader about a client that went away before the reader
 * subscribed (issue 15 review: an S3 append waiting for a part slot never heard of it and kept
 * its upload and slot forever), and otherwise streams as the request does.
 */
class HeldBodyTest {
  private Vertx vertx;
  private HttpServer server;
  private final CompletableFuture<RoutingContext> held = new CompletableFuture<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      HeldBody.hold(ctx);
      held.complete(ctx);
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private NetSocket send(String text) throws Exception {
    NetSocket socket = vertx.createNetClient().connect(server.actualPort(), "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    socket.write(Buffer.buffer(text.getBytes(StandardCharsets.US_ASCII)));
    return socket;
  }

  @Test
  void aClientThatLeftBeforeTheReaderSubscribedIsToldToTheReader() throws Exception {
    NetSocket socket = send("PUT /v2/a/blobs/uploads/x HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n0123456789");
    RoutingContext ctx = held.get(10, TimeUnit.SECONDS);
    socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // bounded wait until the server has seen the connection go
    for (int i = 0; i < 100 && !ctx.response().closed(); i++) {
      Thread.sleep(50);
    }
    assertThat(ctx.response().closed()).isTrue();

    CompletableFuture<Throwable> told = new CompletableFuture<>();
    vertx.runOnContext(v -> HeldBody.of(ctx).exceptionHandler(told::complete));
    assertThat(told.get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aBodyReadLaterArrivesWholeAndEnds() throws Exception {
    send("PUT /v2/a/blobs/uploads/x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789");
    RoutingContext ctx = held.get(10, TimeUnit.SECONDS);
    Thread.sleep(200); // the bytes are there, held
    CompletableFuture<String> body = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      Buffer received = Buffer.buffer();
      HeldBody.of(ctx).exceptionHandler(body::completeExceptionally).handler(received::appendBuffer)
          .endHandler(end -> body.complete(received.toString(StandardCharsets.US_ASCII))).resume();
    });
    assertThat(body.get(5, TimeUnit.SECONDS)).isEqualTo("0123456789");
  }
}
