package dev.xreg.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users file ({@code XREG_AUTH_USERS_FILE}): htpasswd lines {@code user:$2y$...} with bcrypt
 * hashes, as {@code htpasswd -B} writes and distribution and zot read. Only bcrypt is accepted;
 * a line with another hash fails the start, naming its line. Verification is CPU-heavy by
 * design, so it runs on the caller's worker pool; successful checks are remembered for a short
 * while, keyed by a SHA-256 of user and password (never the password), so Basic stays cheap per
 * request.
 */
final class Users {
  /** How long a verified user and password pair is trusted without bcrypt again. */
  static final long CACHE_NANOS = 60_000_000_000L;
  private static final int CACHE_MAX = 10_000;
  /** Compared against for unknown users, so their answer takes as long as a wrong password. */
  private static final byte[] DUMMY = BCrypt.withDefaults().hash(10, new byte[16], "x".getBytes(StandardCharsets.UTF_8));

  private final Map<String, byte[]> hashes;
  private final Map<String, Long> verified = new ConcurrentHashMap<>();

  private Users(Map<String, byte[]> hashes) {
    this.hashes = hashes;
  }

  static Users parse(String text, String source) {
    Map<String, byte[]> out = new HashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + " is not user:hash");
      }
      String hash = line.substring(colon + 1);
      if (!hash.matches("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
        throw new IllegalArgumentException(source + " line " + (i + 1)
            + " has no bcrypt hash (create it with htpasswd -B); other hash kinds are not accepted");
      }
      out.put(line.substring(0, colon), hash.getBytes(StandardCharsets.US_ASCII));
    }
    return new Users(out);
  }

  /** Whether the file lists {@code user} (a subscription's owner removed from it loses access). */
  boolean has(String user) {
    return hashes.containsKey(user);
  }

  /** Whether the pair is remembered as verified (cheap; safe on an event loop). */
  boolean recentlyVerified(String user, String password) {
    Long until = verified.get(key(user, password));
    return until != null && until - System.nanoTime() > 0;
  }

  /** bcrypt verification: blocking, call it on a worker. */
  boolean verify(String user, String password) {
    byte[] hash = hashes.get(user);
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    boolean ok;
    try {
      ok = BCrypt.verifyer().verify(given, hash == null ? DUMMY : hash).verified && hash != null;
    } catch (IllegalArgumentException tooLong) { // bcrypt reads at most 72 bytes: such a password never matches
      ok = false;
    }
    if (ok) {
      if (verified.size() >= CACHE_MAX) {
        verified.clear();
      }
      verified.put(key(user, password), System.nanoTime() + CACHE_NANOS);
    }
    return ok;
  }

  private static String key(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
