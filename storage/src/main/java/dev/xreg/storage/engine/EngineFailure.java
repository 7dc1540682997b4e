package dev.xreg.storage.engine;

/**
 * A failure the engine classified ({@link FailureKind}) with what it was about and a
 * detail safe to show a client. APIs turn it into their own error format. For
 * {@link FailureKind#INTERNAL} and {@link FailureKind#UNAVAILABLE} the detail names the
 * incident logged on the server, never the cause's text.
 */
public final class EngineFailure extends RuntimeException {
  private final FailureKind kind;
  private final String subject;

  public EngineFailure(FailureKind kind, String subject, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.kind = kind;
    this.subject = subject;
  }

  public FailureKind kind() {
    return kind;
  }

  /** What the failed command was about, or null. */
  public String subject() {
    return subject;
  }

  /** The detail for the client. */
  public String detail() {
    return getMessage();
  }
}
