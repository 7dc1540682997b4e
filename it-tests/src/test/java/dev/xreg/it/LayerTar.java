package dev.xreg.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A layer's tar archive (POSIX ustar) of regular files, written by hand so the client tests
 * need no archive library: the uncompressed tar (whose digest is the image config's diff ID)
 * and its gzip form (the layer blob).
 */
record LayerTar(byte[] tar, byte[] gzip) {
  private static final int BLOCK = 512;

  /** Files by path, in the map's iteration order, each with mode 0644 and mtime 0. */
  static LayerTar of(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach((path, content) -> {
      out.writeBytes(header(path, content.length));
      out.writeBytes(content);
      out.writeBytes(new byte[padding(content.length)]);
    });
    out.writeBytes(new byte[2 * BLOCK]); // the end-of-archive marker
    byte[] tar = out.toByteArray();
    return new LayerTar(tar, gzip(tar));
  }

  /**
   * The regular files of a gzipped tar, by path without a leading {@code /} or {@code ./}, to
   * check what a client packed. Reads ustar names (with their prefix field) only: enough for
   * the layers the tests make and pull back.
   */
  static Map<String, byte[]> files(byte[] gzip) throws IOException {
    byte[] tar;
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
      tar = in.readAllBytes();
    }
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    int at = 0;
    while (at + BLOCK <= tar.length && tar[at] != 0) {
      String name = text(tar, at, 100);
      String prefix = text(tar, at + 345, 155);
      long size = Long.parseLong(text(tar, at + 124, 12).trim(), 8);
      byte type = tar[at + 156];
      String path = (prefix.isEmpty() ? name : prefix + "/" + name).replaceFirst("^\\./", "").replaceFirst("^/", "");
      if (type == '0' || type == 0) {
        files.put(path, java.util.Arrays.copyOfRange(tar, at + BLOCK, at + BLOCK + (int) size));
      }
      at += BLOCK + (int) size + padding(size);
    }
    return files;
  }

  private static String text(byte[] block, int at, int length) {
    int end = at;
    while (end < at + length && block[end] != 0) {
      end++;
    }
    return new String(block, at, end - at, StandardCharsets.UTF_8);
  }

  private static byte[] header(String path, long size) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, path.getBytes(StandardCharsets.UTF_8));
    put(h, 100, 8, octal(0644, 7));
    put(h, 108, 8, octal(0, 7));
    put(h, 116, 8, octal(0, 7));
    put(h, 124, 12, octal(size, 11));
    put(h, 136, 12, octal(0, 11));
    h[156] = '0'; // a regular file
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    // The checksum is computed with its own field read as spaces.
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
    return h;
  }

  private static void put(byte[] h, int at, int max, byte[] value) {
    if (value.length > max) {
      throw new IllegalArgumentException("tar header field too long: " + value.length + " > " + max);
    }
    System.arraycopy(value, 0, h, at, value.length);
  }

  /** Zero-padded octal digits, the number format of every numeric tar header field. */
  private static byte[] octal(long value, int digits) {
    return String.format("%0" + digits + "o", value).getBytes(StandardCharsets.US_ASCII);
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
