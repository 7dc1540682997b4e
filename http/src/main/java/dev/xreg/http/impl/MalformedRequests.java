package dev.xreg.http.impl;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a request unfit for any API, decided before routing (RFC 9112 and issue 13):
 * what the HTTP codec could not parse (414, 431, 400), a request target that is not a path,
 * percent-escapes that are not escapes or not UTF-8, control characters in the path, a NUL
 * in the query, and a missing, repeated or malformed {@code Host}. Everything here is a pure
 * function of the request, so it is unit-tested without a server.
 */
public final class MalformedRequests {
  /** reg-name or IPv4 (RFC 3986 unreserved, sub-delims, pct-encoded) or an IP literal, then a port. */
  private static final Pattern HOST = Pattern.compile(
      "(?:\\[[0-9A-Fa-f:.]+\\]|(?:[A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+)(?::[0-9]{0,5})?");
  /** Paths longer than this are not echoed back in an error. */
  private static final int MAX_ECHOED_PATH = 1024;

  /** Why a request is refused: the status and a detail for the API's error body. */
  public record Rejection(int status, String detail) {
  }

  private MalformedRequests() {
  }

  /** Why {@code request} cannot be served, or null when it can be routed. */
  public static Rejection of(HttpServerRequest request) {
    DecoderResult decoded = request.decoderResult();
    if (decoded != null && decoded.isFailure()) {
      return codecFailure(decoded.cause());
    }
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      return new Rejection(400, "the request target must be a path starting with '/'");
    }
    String pathProblem = problem(path, true);
    if (pathProblem != null) {
      return new Rejection(400, "the path " + pathProblem);
    }
    String query = request.query();
    if (query != null) {
      String queryProblem = problem(query, false);
      if (queryProblem != null) {
        return new Rejection(400, "the query " + queryProblem);
      }
    }
    String host = hostProblem(request);
    return host == null ? null : new Rejection(400, host);
  }

  /** 414 and 431 as the codec meant them; anything else it refused is a 400. */
  static Rejection codecFailure(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new Rejection(414, "the request line is longer than the server accepts");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new Rejection(431, "the request headers are larger than the server accepts");
    }
    String why = cause == null || cause.getMessage() == null ? "" : ": " + printable(cause.getMessage());
    return new Rejection(400, "the request is not valid HTTP" + why);
  }

  /**
   * RFC 9112 3.2: an HTTP/1.1 request has exactly one {@code Host}, and any {@code Host} is
   * a valid authority; null when it is fine.
   */
  static String hostProblem(HttpServerRequest request) {
    List<String> hosts = request.headers().getAll("Host");
    if (hosts.size() > 1) {
      return "the request has more than one Host header";
    }
    if (hosts.isEmpty()) {
      return request.version() == HttpVersion.HTTP_1_1 ? "the request has no Host header" : null;
    }
    String host = hosts.get(0).trim();
    if (host.isEmpty()) {
      return "the Host header is empty";
    }
    if (!plainHost(host) && !HOST.matcher(host).matches() || !portInRange(host)) {
      return "the Host header is not a host name or address with an optional port";
    }
    return null;
  }

  /**
   * The common case without the regex (it showed in every request's profile, issue 15): letters,
   * digits, '.' and '-', then optionally ':' and up to five digits. Every such string matches
   * {@link #HOST}; anything else is left to it.
   */
  static boolean plainHost(String host) {
    int n = host.length();
    int i = 0;
    while (i < n) {
      char c = host.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    if (i == 0) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (host.charAt(i) != ':' || n - i - 1 > 5) {
      return false;
    }
    for (int j = i + 1; j < n; j++) {
      char c = host.charAt(j);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean portInRange(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.endsWith("]") || colon == host.length() - 1) {
      return true;
    }
    return Integer.parseInt(host.substring(colon + 1)) <= 65535;
  }

  /**
   * Why {@code raw} (a path or a query as sent) is unusable: a '%' not followed by two hex
   * digits, escapes that decode to invalid (or overlong) UTF-8, a NUL anywhere, and in a path
   * any control character; null when it is fine.
   */
  static String problem(String raw, boolean isPath) {
    // Without any '%' nothing can decode to bad UTF-8 (the chars are text already): only control
    // characters remain to look for, with no copy (this runs for every request, issue 15).
    if (raw.indexOf('%') < 0) {
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == 0 || isPath && (c < 0x20 || c == 0x7f)) {
          return "has a control character";
        }
      }
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
            || Character.digit(raw.charAt(i + 2), 16) < 0) {
          return "has a '%' that is not followed by two hex digits";
        }
        int b = Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16);
        if (b == 0 || isPath && (b < 0x20 || b == 0x7f)) {
          return "has a control character";
        }
        bytes.write(b);
        i += 2;
      } else if (c == 0 || isPath && (c < 0x20 || c == 0x7f)) {
        return "has a control character";
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      return null;
    } catch (CharacterCodingException e) {
      return "has percent-escapes that are not UTF-8";
    }
  }

  /** The path as sent, or "/" when the codec could not read the request line (its placeholder is not a path). */
  static String rawPath(HttpServerRequest request) {
    DecoderResult decoded = request.decoderResult();
    if (decoded != null && decoded.isFailure() && decoded.cause() instanceof TooLongHttpLineException
        || request.path() == null || "/bad-request".equals(request.uri())) {
      return "/";
    }
    return request.path();
  }

  /** A path that is safe to route and to echo as a problem's subject: the path, else "/". */
  static String displayPath(String rawPath) {
    return rawPath.startsWith("/") && rawPath.length() <= MAX_ECHOED_PATH && problem(rawPath, true) == null
        ? rawPath : "/";
  }

  private static String printable(String s) {
    String kept = s.replaceAll("[^\\x20-\\x7e]", "?");
    return kept.length() > 120 ? kept.substring(0, 120) + "..." : kept;
  }
}
