package dev.xreg.http.impl;

import dev.xreg.api.PublicUrls;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The server's {@link PublicUrls} (issue 16): {@code XREG_PUBLIC_URL} wins when set; otherwise
 * the forwarding headers ({@code Forwarded}, RFC 7239, else {@code X-Forwarded-Host},
 * {@code -Proto}, {@code -Prefix}) are honoured only when the connection comes from one of
 * {@code XREG_TRUSTED_PROXIES}; otherwise the request's own scheme and {@code Host}. A header
 * from anyone else is ignored, so a client cannot make the server hand out URLs to its host.
 */
public final class ProxyAwareUrls implements PublicUrls {
  /** A host as RFC 3986 allows it in an authority: a name, an IPv4 or a bracketed IPv6 literal, and a port. */
  private static final Pattern AUTHORITY = Pattern.compile(
      "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})?|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$");
  private static final Pattern PREFIX = Pattern.compile("^(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*/?$");

  private final String publicUrl;
  private final List<AddressRange> trusted;

  /**
   * @param publicUrl the externally visible URL of the server's root, empty for none
   * @param trusted the proxies whose forwarding headers count
   */
  public ProxyAwareUrls(String publicUrl, List<AddressRange> trusted) {
    this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : checkedPublicUrl(publicUrl.trim());
    this.trusted = List.copyOf(trusted);
  }

  @Override
  public String origin(HttpServerRequest request) {
    if (publicUrl != null) {
      return publicUrl;
    }
    if (fromTrustedProxy(request)) {
      String forwarded = forwarded(request);
      if (forwarded != null) {
        return forwarded;
      }
    }
    return PublicUrls.fromRequest().origin(request);
  }

  private boolean fromTrustedProxy(HttpServerRequest request) {
    SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
    if (peer == null || peer.hostAddress() == null || trusted.isEmpty()) {
      return false;
    }
    return trusted.stream().anyMatch(r -> r.contains(peer.hostAddress()));
  }

  /** The origin the proxy reports, or null when it reports no host (then the request's own is used). */
  private static String forwarded(HttpServerRequest request) {
    String host = null;
    String proto = null;
    String header = request.getHeader("Forwarded");
    if (header != null) {
      // the first element is the proxy nearest the client (RFC 7239 section 4)
      String first = header.split(",", 2)[0];
      for (String pair : first.split(";")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length == 2) {
          String value = unquote(kv[1].trim());
          switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
            case "host" -> host = value;
            case "proto" -> proto = value;
            default -> { }
          }
        }
      }
    } else {
      host = firstValue(request.getHeader("X-Forwarded-Host"));
      proto = firstValue(request.getHeader("X-Forwarded-Proto"));
    }
    if (host == null || !AUTHORITY.matcher(host).matches()) {
      return null;
    }
    String scheme = "https".equalsIgnoreCase(proto) ? "https" : "http".equalsIgnoreCase(proto) ? "http"
        : request.scheme();
    String prefix = firstValue(request.getHeader("X-Forwarded-Prefix"));
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      prefix = "";
    }
    return scheme + "://" + host + (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
  }

  private static String firstValue(String header) {
    if (header == null) {
      return null;
    }
    String v = header.split(",", 2)[0].trim();
    return v.isEmpty() ? null : v;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /** An absolute http(s) URL without query or fragment, kept without its trailing slash. */
  static String checkedPublicUrl(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("XREG_PUBLIC_URL is not a URL: " + url);
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("XREG_PUBLIC_URL must be an absolute http or https URL without query,"
          + " e.g. https://registry.example.com, got: " + url);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
