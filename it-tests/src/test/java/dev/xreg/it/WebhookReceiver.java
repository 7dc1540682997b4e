package dev.xreg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook sink on loopback for the events tests (issue 20), on the JDK's HttpServer: it answers
 * the CloudEvents webhook validation handshake ({@code OPTIONS}: {@code WebHook-Allowed-Origin: *})
 * and hands every request, handshakes included, to the test's {@link Sink}, whose return value is
 * the status sent. A sink that throws is answered 500, as a broken receiver would be.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebhookReceiver.class.getName());

  /** One request the receiver got; {@code at} is its arrival ({@link System#nanoTime()}). */
  record Request(long at, String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }

    boolean handshake() {
      return method.equals("OPTIONS");
    }

    /** The body as JSON: a structured CloudEvent. */
    JsonNode json() {
      try {
        return XregServer.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** What the test does with a request; returns the status to answer. */
  interface Sink {
    int receive(Request request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService threads;

  private WebhookReceiver(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Starts a receiver on a free loopback port with {@code threads} threads (1 answers one request
   * at a time, which hides concurrency; tests of outstanding requests want more).
   */
  static WebhookReceiver start(int threads, Sink sink) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.createContext("/", exchange -> answer(exchange, sink));
    server.start();
    return new WebhookReceiver(server, pool);
  }

  private static void answer(HttpExchange exchange, Sink sink) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(System.nanoTime(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        Map.copyOf(exchange.getRequestHeaders()), body);
    if (request.handshake()) {
      exchange.getResponseHeaders().add("WebHook-Allowed-Origin", "*");
      exchange.getResponseHeaders().add("Allow", "POST");
    }
    int status;
    try {
      status = sink.receive(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 500;
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "event=test_sink_failed path=" + request.path(), e);
      status = 500;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** The URL of a sink at {@code path} on this receiver. */
  String sink(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Creates the subscription {@code definition} on {@code server} (it must answer 201); returns its id. */
  static String subscribe(XregServer server, String definition) throws IOException, InterruptedException {
    var r = server.send("POST", "/-/subscriptions", definition);
    if (r.statusCode() != 201) {
      throw new AssertionError("subscription refused: " + r.statusCode() + " " + r.body());
    }
    return XregServer.JSON.readTree(r.body()).path("id").asText();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
