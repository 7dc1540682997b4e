package dev.xreg.http.impl;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One entry of {@code XREG_TRUSTED_PROXIES}: an IPv4 or IPv6 address, or a CIDR range
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Only literals: a host name would need a DNS lookup,
 * and trust must not depend on one.
 */
public final class AddressRange {
  private static final Pattern LITERAL = Pattern.compile("^[0-9A-Fa-f:.]+$");

  private final byte[] network;
  private final int prefixBits;

  private AddressRange(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /** Parses {@code address} or {@code address/bits}; refuses anything else with a message naming it. */
  public static AddressRange parse(String text) {
    String t = text.trim();
    String[] parts = t.split("/", 2);
    byte[] address = literal(parts[0], text);
    int bits = address.length * 8;
    if (parts.length == 2) {
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("XREG_TRUSTED_PROXIES: bad prefix length in \"" + text + "\"");
      }
    }
    return new AddressRange(address, bits);
  }

  /** Whether {@code address} (a literal, as the connection reports it) is in this range. */
  public boolean contains(String address) {
    byte[] a;
    try {
      a = literal(address, address);
    } catch (IllegalArgumentException notALiteral) {
      return false;
    }
    if (a.length != network.length) {
      return false;
    }
    BigInteger mask = prefixBits == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(prefixBits).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - prefixBits);
    return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  private static byte[] literal(String s, String original) {
    if (s.isEmpty() || !LITERAL.matcher(s).matches() || !(s.contains(".") || s.contains(":"))) {
      throw new IllegalArgumentException("XREG_TRUSTED_PROXIES takes IP addresses and CIDR ranges, not \""
          + original + "\"");
    }
    try {
      return InetAddress.getByName(s).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("XREG_TRUSTED_PROXIES: not an IP address: \"" + original + "\"");
    }
  }
}
