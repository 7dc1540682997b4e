package dev.xreg.it;

import dev.xreg.cli.XregCli;
import dev.xreg.cli.output.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The xreg command line run in this JVM, as a user would type it, with its own environment
 * (a temporary HOME, so no real ~/.config/xreg is read), stdin, and captured stdout/stderr.
 * In-process keeps the suite fast; CliLauncherIT covers the real process and the launcher.
 */
final class CliRun {
  private final Map<String, String> env = new LinkedHashMap<>();
  private byte[] stdin = new byte[0];
  private boolean tty;

  private CliRun(Path home) {
    env.put("HOME", home.toString());
  }

  /** A CLI aimed at {@code server} through XREG_SERVER, with an empty temporary HOME. */
  static CliRun against(XregServer server) {
    return withHome(tempHome()).env("XREG_SERVER", server.base());
  }

  static CliRun withHome(Path home) {
    return new CliRun(home);
  }

  static Path tempHome() {
    try {
      return Files.createTempDirectory("xreg-cli-home-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRun stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** As if stdout and stderr were a terminal (colour, progress bars). */
  CliRun tty() {
    tty = true;
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal t = new Terminal(env, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), tty, tty);
    int code = XregCli.run(t, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** One command's exit code and output. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
