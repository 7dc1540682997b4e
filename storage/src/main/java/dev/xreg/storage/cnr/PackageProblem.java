package dev.xreg.storage.cnr;

import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;

/**
 * Why an App Registry operation could not be done, precisely enough for the API to pick its
 * CNR-021 code. Travels as the cause of an {@link EngineFailure}; expected outcomes of client
 * requests, so no stack trace.
 */
public final class PackageProblem extends RuntimeException {
  /** What was wrong. */
  public enum Reason {
    PACKAGE_NOT_FOUND(FailureKind.NOT_FOUND),
    RELEASE_NOT_FOUND(FailureKind.NOT_FOUND),
    CHANNEL_NOT_FOUND(FailureKind.NOT_FOUND),
    /** The release already has content of that media type and the push did not force (CNR-005). */
    PACKAGE_EXISTS(FailureKind.CONFLICT),
    /** The name is an OCI image repository, which holds no application packages (Quay's repo kinds). */
    NOT_A_PACKAGE(FailureKind.CONFLICT);

    private final FailureKind kind;

    Reason(FailureKind kind) {
      this.kind = kind;
    }
  }

  private final Reason reason;

  private PackageProblem(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The engine failure to fail a command with. */
  public static EngineFailure failure(Reason reason, String subject, String detail) {
    return new EngineFailure(reason.kind, subject, detail, new PackageProblem(reason, detail));
  }

  /** The problem an engine failure carries, or null. */
  public static PackageProblem of(Throwable failure) {
    return failure instanceof EngineFailure f && f.getCause() instanceof PackageProblem p ? p : null;
  }
}
