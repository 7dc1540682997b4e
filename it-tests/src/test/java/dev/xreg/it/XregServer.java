package dev.xreg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The built server jar as a separate process on a random loopback port, with its own
 * data directory, plus a small HTTP client for tests. Start, stop (SIGTERM), kill
 * (SIGKILL) and restart on the same data.
 */
public final class XregServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern EMBEDDED_DB_PORT =
      Pattern.compile("event=embedded_db_started .*port=(\\d+)");

  private final Path dataDir;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String scheme = "http";
  private Process process;
  private Path log;
  private int port;

  private String model;
  private final java.util.concurrent.atomic.AtomicInteger uniquePaths = new java.util.concurrent.atomic.AtomicInteger();

  private XregServer(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A server with a fresh temporary data directory (not started). */
  public static XregServer fresh() {
    try {
      return new XregServer(Files.createTempDirectory("xreg-it-"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A server on a data directory that already holds a cluster, e.g. one an earlier release
   * wrote (not started). {@link #close()} deletes the directory, as for a fresh one.
   */
  public static XregServer onDataDir(Path dataDir) {
    return new XregServer(dataDir);
  }

  /**
   * As a JUnit extension ({@code @RegisterExtension static final XregServer server = ...}):
   * the server starts before the class's tests with this model set, and stops after them.
   */
  public XregServer withModel(String modelSource) {
    this.model = modelSource;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
    if (model != null) {
      HttpResponse<String> r = send("PUT", "/modelsource", model);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("model refused: " + r.body());
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  public XregServer env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * No change-feed tail ({@code XREG_CACHE_FEED_POLL_MS} an hour), for a test that counts cache
   * hits on one node: the tail reports the node's own writes again up to a second after their
   * own invalidation, harmless, but its drop landing between two steps races the counts. One
   * node needs no tail; the cluster tests keep it.
   */
  public XregServer withoutFeedTail() {
    return env("XREG_CACHE_FEED_POLL_MS", "3600000");
  }

  public XregServer jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Serve HTTPS: the server gets these PEM files, and the test's client trusts {@code trust} (issue 19). */
  public XregServer tls(Path certPem, Path keyPem, javax.net.ssl.SSLContext trust) {
    env.put("XREG_TLS_CERT", certPem.toString());
    env.put("XREG_TLS_KEY", keyPem.toString());
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust).build();
    scheme = "https";
    return this;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Starts the process on a new free port and waits until {@code /ready} answers 200. */
  public XregServer start() throws IOException, InterruptedException {
    port = freePort();
    Path jar = Path.of(System.getProperty("xreg.server.jar", "../http/target/xreg-server.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("server jar not built: " + jar.toAbsolutePath());
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("XREG_HTTP_HOST", "127.0.0.1");
    pb.environment().put("XREG_HTTP_PORT", Integer.toString(port));
    pb.environment().put("XREG_DATA_DIR", dataDir.toString());
    pb.environment().put("XREG_HTTP_INSTANCES", "2");
    pb.environment().putAll(env);
    log = Files.createTempFile("xreg-it-server-", ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    process = pb.start();
    awaitReady();
    return this;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (get("/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server not ready after " + START_TIMEOUT + ":\n" + log());
  }

  /** SIGTERM and wait: the graceful path. Returns the exit code. */
  public int stop() throws InterruptedException {
    if (process == null) {
      return 0;
    }
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("server did not stop within 90s after SIGTERM");
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs; the embedded PostgreSQL is left orphaned. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public String log() throws IOException {
    return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
  }

  /**
   * The URL of the embedded PostgreSQL this server started (from its startup log), for a
   * second node in XREG_DB_URL mode or for seeding directly through SQL.
   */
  public String embeddedDatabaseUrl() throws IOException {
    Matcher m = EMBEDDED_DB_PORT.matcher(log());
    if (!m.find()) {
      throw new IllegalStateException("no embedded database port in the server log:\n" + log());
    }
    return "postgresql://postgres:postgres@127.0.0.1:" + m.group(1) + "/postgres";
  }

  /** GET with the body as a stream, for responses too large to hold in the test's memory. */
  public HttpResponse<java.io.InputStream> getStream(String path) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(10)).GET().build();
    return http.send(r, HttpResponse.BodyHandlers.ofInputStream());
  }

  /**
   * A path no earlier call returned, e.g. {@code /dirs/d7} for {@code "/dirs/d"}: tests that
   * share one server each write under a Group of their own.
   */
  public String uniquePath(String prefix) {
    return prefix + uniquePaths.incrementAndGet();
  }

  public String base() {
    return scheme + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, Map.of());
  }

  public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    return send(method, path, body, Map.of("Content-Type", "application/json"));
  }

  public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends the file {@code body} as JSON, for documents too large to hold in the test's memory. */
  public HttpResponse<String> sendFile(String method, String path, Path body) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(10))
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofFile(body)).build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code body} without a Content-Length (chunked), as a streaming client would. */
  public HttpResponse<String> sendChunked(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a JSON request that must succeed (2xx) and returns the parsed body, or null for an
   * empty one; a failure names the response so the test output says what went wrong.
   */
  public JsonNode ok(String method, String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = body == null ? send(method, path, null, Map.of()) : send(method, path, body);
    if (r.statusCode() < 200 || r.statusCode() > 299) {
      throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  /** GET and parse as JSON, asserting nothing: tests assert on the result. */
  public JsonNode json(String path) throws IOException, InterruptedException {
    return JSON.readTree(get(path).body());
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
    // The server stopped its embedded PostgreSQL; its cluster (tens of MB) is no longer needed.
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
