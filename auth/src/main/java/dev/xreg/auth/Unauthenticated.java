package dev.xreg.auth;

/** Credentials that prove nothing: the message is safe to show and never repeats a secret. */
final class Unauthenticated extends RuntimeException {
  Unauthenticated(String message) {
    super(message, null, false, false);
  }
}
