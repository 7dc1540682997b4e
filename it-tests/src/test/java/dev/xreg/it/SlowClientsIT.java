package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 5 (slowloris): a client that holds a connection without completing a request
 * loses it within a bounded time, whatever it trickles: idle connections, half-sent headers,
 * bodies that never finish, an HTTP/2 preface and a TLS hello on the plain port. The server
 * runs with 1-2 s timeouts so each case takes seconds.
 */
class SlowClientsIT {
  /** The deadline plus the sweep's lateness plus scheduling slack on a busy machine. */
  private static final long BOUND_MS = 6_000;

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_HTTP_HEADER_TIMEOUT_SECONDS", "1")
      .env("XREG_HTTP_IDLE_TIMEOUT_SECONDS", "2")
      .env("XREG_HTTP_BODY_TIMEOUT_SECONDS", "1");

  /** Sends {@code first}, then one byte of {@code trickle} every 200 ms until the server hangs up. */
  private static RawHttp.Answer stall(byte[] first, byte[] trickle) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(200);
      OutputStream out = s.getOutputStream();
      out.write(first);
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      int i = 0;
      while ((System.nanoTime() - start) / 1_000_000 < 20_000) {
        if (RawHttp.readAnswer(s.getInputStream(), in, System.nanoTime(), 200, false)) {
          return RawHttp.parse(in.toByteArray(), (System.nanoTime() - start) / 1_000_000, true);
        }
        if (trickle.length > 0) {
          try {
            out.write(trickle[i++ % trickle.length]);
          } catch (IOException closedWhileWriting) {
            return RawHttp.parse(in.toByteArray(), (System.nanoTime() - start) / 1_000_000, true);
          }
        }
      }
      return RawHttp.parse(in.toByteArray(), (System.nanoTime() - start) / 1_000_000, false);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws Exception {
    RawHttp.Answer a = stall(new byte[0], new byte[0]);
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isLessThan(BOUND_MS);
  }

  @Test
  void headersTrickledByteByByteAreCutOff() throws Exception {
    RawHttp.Answer a = stall(ascii("GET / HTTP/1.1\r\nHost: a\r\n"), ascii("X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaa"));
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isLessThan(BOUND_MS);
  }

  @Test
  void aBodyThatNeverFinishesIsAnswered408AndClosed() throws Exception {
    RawHttp.Answer a = stall(ascii("PUT /dirs/slow HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
        + "Content-Length: 1000\r\n\r\n{\"name\":\""), ascii("a"));
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isLessThan(BOUND_MS);
    assertThat(a.status()).isEqualTo(408);
    JsonNode p = XregServer.JSON.readTree(a.body());
    assertThat(p.path("type").asText()).isEqualTo("urn:xreg:error:request_timeout");
    assertThat(p.path("detail").asText()).contains("XREG_HTTP_BODY_TIMEOUT_SECONDS");
    assertThat(server.get("/dirs/slow").statusCode()).isEqualTo(404);
  }

  @Test
  void anHttp2PrefaceOnThePlainPortIsRefusedOrClosed() throws Exception {
    RawHttp.Answer a = stall(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), new byte[0]);
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isLessThan(BOUND_MS);
  }

  @Test
  void aTlsHelloOnThePlainPortIsClosed() throws Exception {
    // the start of a ClientHello record: no line end for the HTTP codec to find
    RawHttp.Answer a = stall(HexFormat.of().parseHex("16030100a5010000a10303" + "00".repeat(40)), new byte[0]);
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isLessThan(BOUND_MS);
  }

  @Test
  void aKeptAliveConnectionIsClosedAfterTheIdleTimeoutAndServedUntilThen() throws Exception {
    RawHttp.Answer a = stall(ascii("GET /health HTTP/1.1\r\nHost: a\r\n\r\n"), new byte[0]);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.closed()).isTrue();
    assertThat(a.elapsedMs()).isBetween(1_500L, BOUND_MS + 1_000);
  }

  @Test
  void ordinaryRequestsAreUnaffected() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(server.get("/").statusCode()).isEqualTo(200);
    }
  }
}
