package dev.xreg.cli.output;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line on stderr for long transfers: what, how many, how fast. Redrawn in place
 * ({@code \r}) at most ten times a second, and only on a terminal: in a pipe or a log file it
 * prints nothing, so scripts see only the command's real output.
 */
public final class ProgressBar implements AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean visible;
  private final String label;
  private final boolean bytes;
  private final long started = System.nanoTime();
  private long lastDrawn;
  private long count;
  private boolean closed;

  private ProgressBar(Terminal terminal, String label, boolean bytes) {
    this.err = terminal.err();
    this.visible = terminal.progressVisible();
    this.label = label;
    this.bytes = bytes;
  }

  /** Counts entities (or files). */
  public static ProgressBar ofItems(Terminal terminal, String label) {
    return new ProgressBar(terminal, label, false);
  }

  /** Counts bytes, shown as KiB/MiB. */
  public static ProgressBar ofBytes(Terminal terminal, String label) {
    return new ProgressBar(terminal, label, true);
  }

  public synchronized void add(long n) {
    count += n;
    long now = System.nanoTime();
    if (visible && now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      draw(now);
    }
  }

  public synchronized long count() {
    return count;
  }

  private void draw(long now) {
    double seconds = Math.max((now - started) / 1e9, 0.001);
    String line = bytes
        ? String.format(Locale.ROOT, "%s %s (%s/s)", label, size(count), size((long) (count / seconds)))
        : String.format(Locale.ROOT, "%s %d (%.1f/s)", label, count, count / seconds);
    err.print("\r" + line + "\u001b[K");
    err.flush();
  }

  private static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
  }

  /** Draws the final count once more and ends the line, so the shell prompt starts clean. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (visible) {
      draw(System.nanoTime());
      err.println();
    }
  }
}
