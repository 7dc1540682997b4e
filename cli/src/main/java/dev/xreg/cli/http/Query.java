package dev.xreg.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds {@code ?name=value&flag} for xRegistry's query flags, values percent-encoded. */
public final class Query {
  private final StringBuilder b = new StringBuilder();

  public Query flag(String name) {
    b.append(b.length() == 0 ? '?' : '&').append(name);
    return this;
  }

  public Query param(String name, String value) {
    b.append(b.length() == 0 ? '?' : '&').append(name).append('=').append(encode(value));
    return this;
  }

  /** Encodes like a form but keeps what xRegistry paths use ({@code * / , .}) readable. */
  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("%2A", "*")
        .replace("%2F", "/").replace("%2C", ",");
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
