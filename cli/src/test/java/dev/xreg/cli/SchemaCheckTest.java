package dev.xreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.xreg.cli.output.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xreg schema check} against a server that has the dry run docs/cli.md asks for (xreg
 * has not yet; CliCommandsIT covers that case): the exact request the CLI sends, and how the
 * answers map to exit codes.
 */
class SchemaCheckTest {
  private HttpServer http;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int dryRunStatus;
  private volatile String dryRunBody;
  private volatile String validated = "true";

  @TempDir
  Path tmp;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = x.getRequestMethod() + " " + x.getRequestURI();
    requests.add(target + " format=" + x.getRequestHeaders().getFirst("xRegistry-format")
        + " type=" + x.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
    if (target.equals("GET /capabilities")) {
      reply(x, 200, "{\"flags\":[\"inline\",\"dryrun\"]}");
    } else if (target.startsWith("GET /schemagroups/g/schemas/s%24details")) {
      reply(x, 200, "{\"versionid\":\"1\",\"format\":\"JsonSchema/draft-07\",\"meta\":{\"compatibility\":\"backward\"}}");
    } else if (target.equals("POST /schemagroups/g/schemas/s?dryrun")) {
      x.getResponseHeaders().add("xRegistry-versionid", "2");
      x.getResponseHeaders().add("xRegistry-compatibilityvalidated", validated);
      reply(x, dryRunStatus, dryRunBody);
    } else {
      reply(x, 404, "{\"type\":\"x#not_found\",\"title\":\"no\"}");
    }
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  private int check(ByteArrayOutputStream out, ByteArrayOutputStream err) throws IOException {
    Path file = Files.writeString(tmp.resolve("next.json"), "{\"type\":\"object\"}");
    Terminal t = new Terminal(Map.of("HOME", tmp.toString(), "XREG_SERVER", "http://127.0.0.1:" + http.getAddress().getPort()),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
    return XregCli.run(t, "schema", "check", file.toString(), "--against", "/schemagroups/g/schemas/s");
  }

  @Test
  void compatible_isExit0_andTheRequestIsADryRunPostOfTheDocumentInTheCurrentFormat() throws IOException {
    dryRunStatus = 201;
    dryRunBody = "{\"type\":\"object\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(check(out, err)).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("compatible: ", "as a new Version of /schemagroups/g/schemas/s",
        "(meta.compatibility: backward)");
    assertThat(requests).contains("POST /schemagroups/g/schemas/s?dryrun format=JsonSchema/draft-07 "
        + "type=application/json body={\"type\":\"object\"}");
  }

  @Test
  void incompatible_isExit1_withTheServersExplanation() throws IOException {
    dryRunStatus = 400;
    dryRunBody = "{\"type\":\"https://github.com/xregistry/spec/blob/main/schema/spec.md#compatibility_violation\","
        + "\"title\":\"The request would cause one or more Versions to violate the compatibility rule (backward).\","
        + "\"detail\":\"version 2 vs 1: field 'a' became required\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(check(out, err)).isEqualTo(1);
    assertThat(err.toString()).contains("not compatible:", "compatibility_violation",
        "detail:  version 2 vs 1: field 'a' became required");
  }

  @Test
  void undecided_isExit1() throws IOException {
    dryRunStatus = 201;
    dryRunBody = "{}";
    validated = "false";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(check(out, new ByteArrayOutputStream())).isEqualTo(1);
    assertThat(out.toString()).contains("not verified");
  }
}
