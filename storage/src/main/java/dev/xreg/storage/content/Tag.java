package dev.xreg.storage.content;

import java.util.regex.Pattern;

/**
 * An OCI tag (OCI-003): {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}, so at most 128 characters.
 * Tags are case-sensitive here; that every tag is also a valid xRegistry version id, and that two
 * tags differing only by case cannot both be shown there, is the engine's concern.
 */
public record Tag(String value) implements Comparable<Tag> {
  public static final int MAX_LENGTH = 128;
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public Tag {
    if (!isValid(value)) {
      throw new ReferenceInvalid(value == null || value.isEmpty() ? "the tag is empty"
          : "invalid tag '" + ContentInvalid.shorten(value) + "': it must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    }
  }

  public static Tag parse(String value) {
    return new Tag(value);
  }

  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && TAG.matcher(value).matches();
  }

  @Override
  public int compareTo(Tag other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
