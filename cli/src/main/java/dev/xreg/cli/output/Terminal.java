package dev.xreg.cli.output;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the world around it: the environment, the standard streams
 * and whether they are terminals. Passed in (never read from {@code System}) so that tests
 * run the CLI in-process with their own environment, HOME and captured output.
 *
 * <p>Java cannot ask whether one particular stream is a terminal ({@code System.console()}
 * needs stdin and stdout both). The launcher knows ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and
 * says so in {@code XREG_STDOUT_TTY} / {@code XREG_STDERR_TTY}; without them the console
 * check decides for both.
 */
public final class Terminal {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean outIsTty;
  private final boolean errIsTty;

  public Terminal(Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
      boolean outIsTty, boolean errIsTty) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.outIsTty = outIsTty;
    this.errIsTty = errIsTty;
  }

  /** The process's own streams and environment. */
  public static Terminal system() {
    Map<String, String> env = System.getenv();
    boolean console = System.console() != null;
    return new Terminal(env, System.in,
        new PrintStream(System.out, true, StandardCharsets.UTF_8),
        new PrintStream(System.err, true, StandardCharsets.UTF_8),
        flag(env.get("XREG_STDOUT_TTY"), console), flag(env.get("XREG_STDERR_TTY"), console));
  }

  private static boolean flag(String value, boolean fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    return value.equals("1") || value.equalsIgnoreCase("true");
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public Path home() {
    String home = env("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"));
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** Colour on stdout: only on a terminal, and never when NO_COLOR is set (no-color.org). */
  public boolean colourOut() {
    return outIsTty && env("NO_COLOR") == null;
  }

  public boolean colourErr() {
    return errIsTty && env("NO_COLOR") == null;
  }

  /** Progress bars go to stderr, and only when a person watches it. */
  public boolean progressVisible() {
    return errIsTty;
  }
}
