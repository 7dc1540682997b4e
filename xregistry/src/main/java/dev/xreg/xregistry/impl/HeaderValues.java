package dev.xreg.xregistry.impl;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code xRegistry-*} header values (http.md "HTTP Header Values", CORE-DOC-012):
 * space, '"', '%' and bytes outside 0x21-0x7E are percent-encoded as UTF-8.
 */
public final class HeaderValues {
  private HeaderValues() {
  }

  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '%') {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** Unquotes a quoted-string, then percent-decodes once; invalid UTF-8 is {@code header_error}. */
  public static String decode(String name, String raw, String subject) {
    String v = raw.trim();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '%' && i + 2 < v.length()) {
        int hi = Character.digit(v.charAt(i + 1), 16);
        int lo = Character.digit(v.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw error(name, subject, "\"%" + v.charAt(i + 1) + v.charAt(i + 2) + "\" is not a percent-encoded byte");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '%') {
        throw error(name, subject, "a '%' must be followed by two hex digits");
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw error(name, subject, "the decoded value is not valid UTF-8");
    }
  }

  private static XRegistryException error(String name, String subject, String detail) {
    return XRegistryException.of(ErrorType.HEADER_ERROR, subject).arg("name", name).errorDetail(detail).build();
  }
}
