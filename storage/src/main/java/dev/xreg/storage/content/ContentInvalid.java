package dev.xreg.storage.content;

/**
 * A client sent content that breaks a rule of the content model (a repository name, a tag or
 * digest reference, a manifest). Each subclass is one error of the OCI error catalogue, which the
 * API module maps to its own envelope; the message is the detail a client sees.
 *
 * <p>These are expected outcomes of bad input, not bugs, so no stack trace is captured.
 */
public abstract class ContentInvalid extends RuntimeException {
  protected ContentInvalid(String detail) {
    super(detail, null, false, false);
  }

  /** Keeps a detail bounded when it quotes client input (a megabyte of "tag"). */
  static String shorten(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** The human-readable reason, fit for the {@code detail} of an error body. */
  public String detail() {
    return getMessage();
  }
}
