package dev.xreg.core.entity;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.regex.Pattern;

/** The spec's ID rules (CORE-ID-001): 1-128 characters, RFC 3986 unreserved plus ':' and '@'. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.~:@-]{0,127}$");

  private Ids() {
  }

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Throws {@code malformed_id} naming what is wrong with {@code id}. */
  public static String check(String id, String subject) {
    if (valid(id)) {
      return id;
    }
    String why;
    if (id == null || id.isEmpty()) {
      why = "an ID must not be empty";
    } else if (id.length() > 128) {
      why = "an ID must be at most 128 characters long, this one has " + id.length();
    } else if (!Pattern.matches("[A-Za-z0-9_].*", id)) {
      why = "an ID must start with a letter, digit or '_'";
    } else {
      why = "an ID may only contain letters, digits and the characters - . _ ~ : @";
    }
    throw XRegistryException.of(ErrorType.MALFORMED_ID, subject).arg("id", id).errorDetail(why).build();
  }
}
