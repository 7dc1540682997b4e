package dev.xreg.cli;

/** The documented exit codes (docs/cli.md): scripts and CI pipelines branch on these. */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** The server refused the request (a 4xx answer), or a check found a problem (schema check). */
  public static final int REFUSED = 1;
  /** The command line was wrong: unknown option, missing argument, unreadable input file. */
  public static final int USAGE = 2;
  /** The server failed (5xx), could not be reached, or answered something that is not xRegistry. */
  public static final int SERVER_FAILURE = 3;

  private ExitCode() {
  }
}
