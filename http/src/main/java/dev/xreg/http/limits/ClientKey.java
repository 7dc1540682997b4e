package dev.xreg.http.limits;

import dev.xreg.http.impl.AddressRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whom a limit counts a request against (issue 19, docs/security.md "Limits"): a caller an
 * identity source verified counts as itself ({@code user:<name>}); a request without credentials
 * counts against its address ({@code ip:<address>}); a request with credentials not yet verified
 * counts against its address's credential checks ({@code login:<address>}), refunded once the
 * credentials prove good, so only failed ones stay charged there. Separate keys are what keep
 * an anonymous flood from one address off the users behind it, and a flood of bad passwords
 * (bcrypt work) bounded per address without charging the user whose name it claims.
 *
 * <p>The address is the connection's peer, unless that peer is one of {@code XREG_TRUSTED_PROXIES}:
 * then the forwarding headers name the client, read from the right (the hop nearest the server)
 * past every trusted proxy, so a client cannot pick its own key by sending a made-up header.
 */
public final class ClientKey {
  private final List<AddressRange> trusted;

  public ClientKey(List<AddressRange> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  static String anonymous(String address) {
    return "ip:" + address;
  }

  static String credentials(String address) {
    return "login:" + address;
  }

  static String identity(String name) {
    return "user:" + name;
  }

  /** The client's address as described above; "unknown" when the connection has none. */
  String address(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    String address = peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    if (!isTrusted(address)) {
      return address;
    }
    List<String> hops = hops(request);
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!isTrusted(hop)) {
        return hop;
      }
      address = hop;
    }
    return address;
  }

  private boolean isTrusted(String address) {
    return trusted.stream().anyMatch(r -> r.contains(address));
  }

  /** The client addresses the proxies reported, farthest first: {@code Forwarded for=}, else {@code X-Forwarded-For}. */
  static List<String> hops(HttpServerRequest request) {
    List<String> out = new ArrayList<>();
    List<String> forwarded = request.headers().getAll("Forwarded");
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          for (String pair : element.split(";")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
              out.add(node(kv[1].trim()));
            }
          }
        }
      }
      return out;
    }
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          out.add(node(hop.trim()));
        }
      }
    }
    return out;
  }

  /** An RFC 7239 node without quotes, brackets or port: {@code "[2001:db8::1]:4711"} is {@code 2001:db8::1}. */
  static String node(String value) {
    String v = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      return close > 0 ? v.substring(1, close) : v;
    }
    int colon = v.indexOf(':');
    // one colon is IPv4 with a port; more is a bare IPv6 address
    return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
  }
}
