package dev.xreg.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An OCI upload chunk whose body has not all arrived (issue 19, upload slots): a PATCH of 20
 * bytes with only 10 sent holds its client's upload slot once routed. It is known to hold it when
 * it has not been answered a moment later (a refused one answers at once); the test then sends
 * the rest and reads the status line.
 */
final class HeldUpload {
  private HeldUpload() {
  }

  /** The socket of a PATCH to {@code location} on {@code port}, with {@code headers}, held open. */
  static Socket patch(int port, String location, Map<String, String> headers) throws Exception {
    StringBuilder extra = new StringBuilder();
    headers.forEach((k, v) -> extra.append(k).append(": ").append(v).append("\r\n"));
    for (int attempt = 0; attempt < 10; attempt++) {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
          + extra + "Content-Length: 20\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(500);
      if (socket.getInputStream().available() == 0) {
        return socket;
      }
      socket.close(); // answered already: an earlier request still held the slot
    }
    throw new AssertionError("a held PATCH was answered at once ten times");
  }

  /** Sends the rest of the held body and returns the answer's status line. */
  static String finish(Socket socket) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
