package dev.xreg.core.flag;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code ?sort=<attr>[=asc|desc]} flag (spec "Sort Flag", CORE-SRT-001..004): one
 * attribute of the collection's entities; missing values sort lowest, ties by ID.
 */
public record Sort(List<String> path, boolean descending) {
  private static final Pattern SEGMENT = Pattern.compile("^[a-z0-9_$][a-z0-9_.:$-]*$");

  public static Sort parse(String value, boolean collection, String subject) {
    if (value == null) {
      return null;
    }
    if (!collection) {
      throw XRegistryException.of(ErrorType.SORT_NONCOLLECTION, subject).build();
    }
    String attr = value;
    boolean desc = false;
    int eq = value.indexOf('=');
    if (eq >= 0) {
      attr = value.substring(0, eq);
      String dir = value.substring(eq + 1);
      if (dir.equalsIgnoreCase("desc")) {
        desc = true;
      } else if (!dir.equalsIgnoreCase("asc")) {
        throw bad(subject, value, "the direction must be asc or desc, not \"" + dir + "\"");
      }
    }
    List<String> path = List.of(attr.split("\\.", -1));
    for (String seg : path) {
      if (!SEGMENT.matcher(seg).matches()) {
        throw bad(subject, value, "\"" + attr + "\" is not an attribute path");
      }
    }
    return new Sort(path, desc);
  }

  private static XRegistryException bad(String subject, String value, String detail) {
    return XRegistryException.of(ErrorType.BAD_SORT, subject).arg("value", value).errorDetail(detail).build();
  }
}
