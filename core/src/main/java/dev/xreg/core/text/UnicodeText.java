package dev.xreg.core.text;

/**
 * The spec's {@code string} is a "sequence of Unicode characters" and every string xreg keeps
 * ends up in PostgreSQL text or jsonb. Two things a decoded Java string can hold fail that:
 * an unpaired surrogate (not a Unicode character; it would be stored as '?', silently) and
 * U+0000 (PostgreSQL refuses it with 22P05). Both are refused where the request is read.
 */
public final class UnicodeText {
  private UnicodeText() {
  }

  /** Why {@code s} cannot be stored, in plain words, or null when it can. */
  public static String problem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "contains U+0000 (NUL) at character " + i + ", which cannot be stored";
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("contains an unpaired surrogate \\u%04X at character %d, which is not a Unicode character",
            (int) c, i);
      }
    }
    return null;
  }

  /**
   * {@code s} with control characters, surrogates and quotes escaped as JSON would write them,
   * so an offending key can be named in an error detail without repeating the offence.
   */
  public static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '"' || c == '\\') {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
