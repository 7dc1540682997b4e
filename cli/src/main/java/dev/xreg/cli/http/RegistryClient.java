package dev.xreg.cli.http;

import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CLI's only way to the server: synchronous HTTP with the JDK client, one request at a
 * time (a CLI has nothing else to do while it waits). Paths are XIDs plus query, resolved
 * against the server URL, which may carry a path prefix ({@code https://host/registry/}).
 */
public final class RegistryClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  public RegistryClient(URI base, String authorization) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI base() {
    return base;
  }

  /** {@code /dirs/d1?inline=*} to an absolute URI below the server URL. */
  public URI resolve(String pathAndQuery) {
    String p = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
    return base.resolve(p.replace("$", "%24"));
  }

  public Reply get(String pathAndQuery) {
    return send("GET", resolve(pathAndQuery), null, null);
  }

  public Reply get(URI uri) {
    return send("GET", uri, null, null);
  }

  public Reply send(String method, String pathAndQuery, byte[] body, String contentType) {
    return send(method, resolve(pathAndQuery), body, contentType);
  }

  public Reply send(String method, URI uri, byte[] body, String contentType) {
    return send(method, uri, body, contentType, Map.of());
  }

  /** With extra headers, e.g. {@code xRegistry-format} for a document's metadata. */
  public Reply send(String method, String pathAndQuery, byte[] body, String contentType, Map<String, String> headers) {
    return send(method, resolve(pathAndQuery), body, contentType, headers);
  }

  private Reply send(String method, URI uri, byte[] body, String contentType, Map<String, String> headers) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpResponse<byte[]> r = exchange(method, uri, publisher, contentType, headers, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(method, uri, r.statusCode(), r.headers(), r.body());
  }

  /** Sends a body read from a stream (large imports: never held in memory whole). */
  public Reply sendStream(String method, String pathAndQuery, Supplier<InputStream> body, String contentType) {
    URI uri = resolve(pathAndQuery);
    HttpResponse<byte[]> r = exchange(method, uri, HttpRequest.BodyPublishers.ofInputStream(body), contentType, Map.of(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(method, uri, r.statusCode(), r.headers(), r.body());
  }

  /** A GET whose body the caller streams (exports); the caller closes it. */
  public HttpResponse<InputStream> getStream(String pathAndQuery) {
    return exchange("GET", resolve(pathAndQuery), HttpRequest.BodyPublishers.noBody(), null, Map.of(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private <T> HttpResponse<T> exchange(String method, URI uri, HttpRequest.BodyPublisher body, String contentType,
      Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).method(method, body)
        .header("Accept", "application/json, */*;q=0.5")
        .header("User-Agent", "xreg-cli/" + Version.text());
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), handler);
    } catch (ConnectException e) {
      throw new CliFailure(ExitCode.SERVER_FAILURE, "cannot connect to " + base
          + " (is the server running? set --server or XREG_SERVER)", e);
    } catch (HttpTimeoutException e) {
      throw new CliFailure(ExitCode.SERVER_FAILURE, method + " " + uri + " timed out", e);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.SERVER_FAILURE, method + " " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.SERVER_FAILURE, "interrupted", e);
    }
  }
}
