package dev.xreg.auth;

import java.util.regex.Pattern;

/**
 * A policy's name glob over {@code /}-separated names (xRegistry paths, OCI repositories, CNR
 * namespaces): {@code *} is any part of one segment, {@code **} any number of whole segments,
 * none included, so {@code /schemagroups/payments/**} covers the Group itself and all below it.
 */
final class NamePattern {
  private final String source;
  private final Pattern regex;

  NamePattern(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("an empty name pattern");
    }
    this.source = glob;
    this.regex = Pattern.compile(compile(glob));
  }

  private static String compile(String glob) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("/**", i)) {
        out.append("(?:/.*)?"); // zero or more segments
        i += 3;
      } else if (glob.startsWith("**", i)) {
        out.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        out.append("[^/]*");
        i++;
      } else {
        out.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        i++;
      }
    }
    return out.toString();
  }

  boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
