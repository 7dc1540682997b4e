package dev.xreg.it;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * What the auth tests share (issue 19): a users file written with bcrypt as {@code htpasswd -B}
 * does, a policy file, and {@code Authorization} headers.
 */
final class AuthSetup {
  static final String PASSWORD = "s3cret-pw";

  private AuthSetup() {
  }

  /** A temporary htpasswd file giving every user {@link #PASSWORD} (cost 4: tests need no strength). */
  static Path usersFile(String... users) {
    StringBuilder b = new StringBuilder("# written by the test\n");
    for (String u : users) {
      b.append(u).append(':')
          .append(new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, PASSWORD.toCharArray()), StandardCharsets.UTF_8))
          .append('\n');
    }
    return write("users-", ".htpasswd", b.toString());
  }

  static Path write(String prefix, String suffix, String text) {
    try {
      Path f = Files.createTempFile(prefix, suffix);
      Files.writeString(f, text);
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Headers of {@code user} (null: anonymous) with {@link #PASSWORD}, plus a JSON content type. */
  static Map<String, String> as(String user) {
    return user == null ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", "Authorization", basic(user, PASSWORD));
  }
}
