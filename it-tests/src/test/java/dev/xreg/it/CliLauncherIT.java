package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, the launcher as a user runs it: {@code ./xreg} and {@code ./xreg serve} still
 * start the server; {@code ./xreg COMMAND} runs the CLI in its own JVM; and on a real
 * pseudo-terminal ({@code script}, util-linux) a long export draws a progress bar that a pipe
 * never sees.
 */
class CliLauncherIT {
  private static final Path LAUNCHER = Path.of(System.getProperty("xreg.launcher", "../xreg")).toAbsolutePath();

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .withModel("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}");

  @TempDir
  Path tmp;

  /** Without {@code XREG_JAVA_OPTS} the server JVM gets the launcher's bounded heap (README "Memory", issue 15 M1). */
  @Test
  void noArguments_runsTheServer_withTheDefaultHeap() throws Exception {
    assertLauncherServes(List.of(), null, "-Xmx256m");
  }

  /** {@code XREG_JAVA_OPTS} replaces the default options. */
  @Test
  void serve_runsTheServer_withTheGivenOptions() throws Exception {
    assertLauncherServes(List.of("serve"), "-Xmx300m", "-Xmx300m");
  }

  private void assertLauncherServes(List<String> args, String javaOpts, String heapOption) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile());
    pb.environment().putAll(Map.of("XREG_HTTP_HOST", "127.0.0.1", "XREG_HTTP_PORT", Integer.toString(port),
        "XREG_DATA_DIR", tmp.resolve("data").toString(), "XREG_HTTP_INSTANCES", "1"));
    pb.environment().remove("XREG_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("XREG_JAVA_OPTS", javaOpts);
    }
    Process p = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      int status = 0;
      for (int i = 0; i < 450 && status != 200; i++) {
        assertThat(p.isAlive()).as("launcher exited: %s", log()).isTrue();
        try {
          status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      assertThat(status).as(log()).isEqualTo(200);
      assertThat(log()).contains("event=started url=http://127.0.0.1:" + port + "/");
      // the launcher execs java: the process it started is the server JVM, with these options
      List<String> jvmArgs = List.of(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).split("\0"));
      assertThat(jvmArgs).contains(heapOption).filteredOn(a -> a.startsWith("-Xmx")).hasSize(1);
    } finally {
      // The launcher execs java, so this SIGTERM reaches the server itself: graceful stop.
      p.destroy();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log()).contains("event=stopped");
  }

  private String log() throws IOException {
    return Files.readString(tmp.resolve("server.log"));
  }

  @Test
  void aSubcommand_runsTheCli_withExitCodes() throws Exception {
    Run ok = launch(List.of(LAUNCHER.toString(), "get", "/dirs", "-o", "table"), Map.of("XREG_SERVER", server.base()));
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).startsWith("ID");
    Run refused = launch(List.of(LAUNCHER.toString(), "get", "/dirs/none"), Map.of("XREG_SERVER", server.base()));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("not_found");
    Run version = launch(List.of(LAUNCHER.toString(), "--version"), Map.of());
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("xreg ");
  }

  @Test
  void progressBar_rendersOnATerminal_notInAPipe() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux) is not installed");
    for (int i = 0; i < 20; i++) {
      server.ok("PUT", "/dirs/p" + i, "{\"name\":\"" + "x".repeat(2000) + "\"}");
    }
    Path out = tmp.resolve("export.json");
    String command = LAUNCHER + " export -f " + out + " ; " + LAUNCHER + " get /dirs -o table";
    // script gives the command a pseudo-terminal for stdout and stderr and copies what it draws.
    Run onTty = launch(List.of("/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"),
        Map.of("XREG_SERVER", server.base(), "TERM", "xterm"));
    assertThat(onTty.exit()).as(onTty.toString()).isZero();
    assertThat(onTty.out()).containsPattern("\rexport [0-9.]+ KiB \\([0-9.]+ (B|KiB|MiB)/s\\)");
    assertThat(onTty.out()).contains("\u001b[1mID");
    assertThat(Files.size(out)).isGreaterThan(40_000);

    Run inPipe = launch(List.of("/bin/sh", "-c", command), Map.of("XREG_SERVER", server.base()));
    assertThat(inPipe.exit()).as(inPipe.toString()).isZero();
    assertThat(inPipe.err()).doesNotContain("\r").doesNotContain("/s)").contains("exported /export to " + out);
    assertThat(inPipe.out()).startsWith("ID").doesNotContain("\u001b[");
  }

  private Run launch(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().remove("XREG_SERVER");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {
  }
}
