package dev.xreg.events;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which sinks events may be sent to: none whose host is, or resolves to, a loopback,
 * link-local, private (site-local, unique-local), wildcard or multicast address, unless
 * {@code XREG_EVENTS_ALLOWED_SINKS} lists the host name or a CIDR range holding the address.
 * Without this a subscription could make the server probe its internal network (issue 20).
 * Names are resolved on a small named worker pool, never on an event loop; the check runs
 * when a subscription is stored and again before each delivery (the name may resolve
 * elsewhere by then).
 */
public final class SinkPolicy {
  private final List<String> hosts = new ArrayList<>();
  private final List<byte[][]> ranges = new ArrayList<>();
  private final WorkerExecutor resolver;

  /** @param allowed CIDRs ({@code 127.0.0.1/32}, {@code fd00::/8}) or host names */
  public SinkPolicy(List<String> allowed, WorkerExecutor resolver) {
    this.resolver = resolver;
    for (String entry : allowed) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.contains("/")) {
        ranges.add(cidr(e));
      } else {
        hosts.add(e.toLowerCase(Locale.ROOT));
      }
    }
  }

  /** Succeeds if events may go to {@code sink}; fails with {@link InvalidSubscription} saying why not. */
  public Future<Void> check(URI sink) {
    String host = sink.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return Future.succeededFuture();
    }
    String name = host;
    return resolver.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(name), false)
        .recover(err -> Future.failedFuture(err instanceof UnknownHostException
            ? new InvalidSubscription("the sink's host does not resolve: " + name) : err))
        .compose(addresses -> {
          for (InetAddress a : addresses) {
            if (internal(a) && !allowed(a)) {
              return Future.failedFuture(new InvalidSubscription("the sink " + name + " is at " + a.getHostAddress()
                  + ", an internal address; XREG_EVENTS_ALLOWED_SINKS does not list it"));
            }
          }
          return Future.succeededFuture();
        });
  }

  static boolean internal(InetAddress a) {
    byte[] b = a.getAddress();
    boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7
    boolean sharedAddressSpace = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress() || uniqueLocal || sharedAddressSpace;
  }

  private boolean allowed(InetAddress a) {
    byte[] b = a.getAddress();
    for (byte[][] r : ranges) {
      if (r[0].length == b.length && inRange(b, r[0], r[1][0] & 0xff)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(byte[] address, byte[] network, int bits) {
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** {@code a.b.c.d/n}: the network bytes and the prefix length; a malformed entry fails the start. */
  private static byte[][] cidr(String entry) {
    int slash = entry.indexOf('/');
    try {
      String literal = entry.substring(0, slash);
      if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        throw new IllegalArgumentException("not an address literal");
      }
      byte[] network = InetAddress.getByName(literal).getAddress();
      int bits = Integer.parseInt(entry.substring(slash + 1));
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("prefix length out of range");
      }
      return new byte[][] {network, {(byte) bits}};
    } catch (UnknownHostException | RuntimeException e) {
      throw new IllegalArgumentException("XREG_EVENTS_ALLOWED_SINKS: not a CIDR range: " + entry, e);
    }
  }
}
