package dev.xreg.cli;

/**
 * A command that cannot go on: carries the message for stderr and the exit code. Thrown from
 * deep inside a command; {@link XregCli} prints it, with no stack trace (a CLI user wants the
 * reason, not Java internals).
 */
public class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
