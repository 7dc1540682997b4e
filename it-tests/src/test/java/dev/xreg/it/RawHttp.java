package dev.xreg.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes on a loopback socket, for requests no HTTP client library will send (a bare '%', no
 * Host, a NUL, a TLS hello on the plain port) and for clients that stall on purpose.
 */
final class RawHttp {
  private RawHttp() {
  }

  /** A parsed answer: status, headers (lower-case names), body; {@code closedAfterMs} when the server hung up. */
  record Answer(int status, Map<String, String> headers, String body, long elapsedMs, boolean closed) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code request} and reads until the server closes or {@code waitMs} passes. */
  static Answer exchange(int port, byte[] request, long waitMs) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout((int) waitMs);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
          .startsWith("HEAD ");
      boolean closed = readAnswer(s.getInputStream(), out, start, waitMs, head);
      return parse(out.toByteArray(), (System.nanoTime() - start) / 1_000_000, closed);
    }
  }

  static Answer exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
  }

  /**
   * Reads one answer: until EOF (true), a complete response by its Content-Length (false), or
   * the deadline (false); a reset counts as closed.
   */
  static boolean readAnswer(InputStream in, ByteArrayOutputStream out, long startNanos, long waitMs,
      boolean head) throws IOException {
    byte[] buf = new byte[8192];
    while (true) {
      try {
        int n = in.read(buf);
        if (n < 0) {
          return true;
        }
        out.write(buf, 0, n);
        if (complete(out.toByteArray(), head)) {
          return false;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (java.net.SocketException reset) {
        return true;
      }
      if ((System.nanoTime() - startNanos) / 1_000_000 > waitMs) {
        return false;
      }
    }
  }

  /** Whether {@code raw} holds a whole response with a Content-Length (or none, for HEAD). */
  private static boolean complete(byte[] raw, boolean head) {
    Answer a = parse(raw, 0, false);
    if (a.status() < 0) {
      return false;
    }
    if (head) {
      return true;
    }
    String length = a.header("Content-Length");
    return length != null && a.body().getBytes(StandardCharsets.UTF_8).length >= Integer.parseInt(length);
  }

  static Answer parse(byte[] raw, long elapsedMs, boolean closed) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      return new Answer(-1, Map.of(), text, elapsedMs, closed);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), elapsedMs, closed);
  }
}
