package dev.xreg.cli.cnr;

import dev.xreg.cli.CliFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An App Registry package's content: a tar inside gzip (CNR-005). Packs a directory the way
 * {@code tar -czf pkg.tgz DIR} does, with the directory's own name as the top entry (what
 * {@code helm package} writes, so a chart directory becomes a Helm chart), and unpacks one
 * into a directory. Written here (ustar, no library) because the CLI depends only on the JDK,
 * picocli and Jackson.
 */
public final class PackageArchive {
  private static final int BLOCK = 512;

  private PackageArchive() {
  }

  /** The tar.gz of {@code dir}: regular files and directories only, in name order (reproducible). */
  public static byte[] pack(Path dir) {
    List<Path> entries = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          entries.add(d);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile()) {
            // A symbolic link or device would not mean the same thing on the reader's machine.
            throw CliFailure.usage("only regular files and directories can be packed: " + f);
          }
          entries.add(f);
          return FileVisitResult.CONTINUE;
        }
      });
      entries.sort(null);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        Path top = dir.toAbsolutePath().normalize();
        String root = top.getFileName() == null ? "package" : top.getFileName().toString();
        for (Path p : entries) {
          Path rel = top.relativize(p.toAbsolutePath().normalize());
          String name = root + (rel.toString().isEmpty() ? "" : "/" + rel.toString().replace('\\', '/'));
          boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
          long mtime = Files.getLastModifiedTime(p).toMillis() / 1000;
          if (directory) {
            gz.write(header(name + "/", 0, mtime, '5', 0755));
          } else {
            byte[] content = Files.readAllBytes(p);
            gz.write(header(name, content.length, mtime, '0', Files.isExecutable(p) ? 0755 : 0644));
            gz.write(content);
            gz.write(new byte[padding(content.length)]);
          }
        }
        gz.write(new byte[2 * BLOCK]); // the end-of-archive marker
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw CliFailure.usage("cannot pack " + dir + ": " + e.getMessage());
    }
  }

  private static byte[] header(String name, long size, long mtime, char type, int mode) {
    byte[] h = new byte[BLOCK];
    byte[] full = name.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = new byte[0];
    byte[] shortName = full;
    if (full.length > 100) {
      // ustar splits a long path at a '/' into prefix (155) and name (100).
      int cut = name.lastIndexOf('/', name.endsWith("/") ? name.length() - 2 : name.length() - 1);
      while (cut > 0 && (name.substring(0, cut).getBytes(StandardCharsets.UTF_8).length > 155
          || name.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100)) {
        cut = name.lastIndexOf('/', cut - 1);
      }
      if (cut <= 0) {
        throw CliFailure.usage("path too long for a tar archive: " + name);
      }
      prefix = name.substring(0, cut).getBytes(StandardCharsets.UTF_8);
      shortName = name.substring(cut + 1).getBytes(StandardCharsets.UTF_8);
    }
    System.arraycopy(shortName, 0, h, 0, shortName.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    System.arraycopy(prefix, 0, h, 345, prefix.length);
    // The checksum is computed with its own field as spaces.
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return h;
  }

  private static void octal(byte[] h, int offset, int length, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > length - 1) {
      throw CliFailure.usage("file too large for a tar archive (" + value + " bytes)");
    }
    s = "0".repeat(length - 1 - s.length()) + s;
    System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
    h[offset + length - 1] = 0;
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  /**
   * Unpacks a tar.gz into {@code target}, refusing any entry that would land outside it.
   * Links and special files are skipped and reported to {@code skipped}.
   */
  public static int unpack(InputStream tarGz, Path target, Consumer<String> skipped) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    int files = 0;
    try (InputStream in = new GZIPInputStream(tarGz)) {
      String longName = null;
      byte[] h = new byte[BLOCK];
      while (in.readNBytes(h, 0, BLOCK) == BLOCK && !allZero(h)) {
        long size = parseOctal(h, 124, 12);
        char type = (char) h[156];
        String name = longName != null ? longName : entryName(h);
        longName = null;
        if (type == 'L' || type == 'x') {
          // GNU long name, or a pax header whose path= record names the next entry.
          byte[] data = readData(in, size);
          longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
          continue;
        }
        if (type == 'g') {
          readData(in, size);
          continue;
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root) || name.startsWith("/")) {
          throw new IOException("the archive's entry " + name + " points outside " + target);
        }
        if (type == '5') {
          Files.createDirectories(out);
        } else if (type == '0' || type == 0 || type == '7') {
          Files.createDirectories(out.getParent());
          try (OutputStream o = Files.newOutputStream(out)) {
            copy(in, o, size);
          }
          in.skipNBytes(padding(size));
          files++;
        } else {
          skipped.accept(name);
          readData(in, size);
        }
      }
    }
    return files;
  }

  private static String entryName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] data) {
    // Records are "LEN key=value\n".
    for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE - BLOCK) {
      in.skipNBytes(size + padding(size));
      return new byte[0];
    }
    byte[] data = in.readNBytes((int) size);
    in.skipNBytes(padding(size));
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the archive ends inside a file");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static long parseOctal(byte[] h, int offset, int length) throws IOException {
    if ((h[offset] & 0x80) != 0) {
      throw new IOException("files over 8 GiB (base-256 sizes) are not supported");
    }
    String s = cString(h, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static String cString(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
