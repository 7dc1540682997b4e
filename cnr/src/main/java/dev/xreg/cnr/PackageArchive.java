package dev.xreg.cnr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A pushed package blob, checked to be what CNR-005 says it is, a tar inside gzip, before
 * anything is stored (the reference server stored anything and failed later with a 500). Reading
 * it yields the digest CNR clients address blobs by, sha256 of the uncompressed tar (CNR-012),
 * and for Helm charts the {@code Chart.yaml} the OCI config is made from. CPU work: run it on a
 * worker, never on an event loop.
 *
 * @param contentDigest sha256 hex of the uncompressed tar
 * @param chartYaml     the first {@code <dir>/Chart.yaml} as parsed, or null
 */
record PackageArchive(String contentDigest, int entries, JsonNode chartYaml) {
  /** An archive may expand this much at most: a gzip bomb is refused, not unpacked. */
  static final long MAX_UNCOMPRESSED_BYTES = 1L << 30;
  private static final int MAX_CHART_YAML_BYTES = 1 << 20;
  private static final Pattern CHART_YAML = Pattern.compile("(?:\\./)?[^/]+/Chart\\.yaml");

  /** @throws Refused when {@code gz} is not gzip, not a tar inside, or holds no file */
  static PackageArchive read(byte[] gz) {
    if (gz.length < 2 || (gz[0] & 0xff) != 0x1f || (gz[1] & 0xff) != 0x8b) {
      throw new Refused("the package blob is not gzip-compressed; push a tar.gz");
    }
    MessageDigest sha256 = sha256();
    try (InputStream gunzip = new Capped(new GZIPInputStream(new ByteArrayInputStream(gz)));
         DigestInputStream tarBytes = new DigestInputStream(gunzip, sha256);
         TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
      int entries = 0;
      JsonNode chart = null;
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries++;
        if (chart == null && entry.isFile() && CHART_YAML.matcher(entry.getName()).matches()
            && entry.getSize() <= MAX_CHART_YAML_BYTES) {
          chart = chartYaml(tar.readAllBytes());
        }
      }
      if (entries == 0) {
        throw new Refused("the package blob is gzip, but not a tar holding files");
      }
      tarBytes.transferTo(OutputStream.nullOutputStream()); // the tar's trailing padding counts in its digest
      return new PackageArchive(HexFormat.of().formatHex(sha256.digest()), entries, chart);
    } catch (TooLarge e) {
      throw new Refused("the package expands to more than " + MAX_UNCOMPRESSED_BYTES + " bytes");
    } catch (IOException | IllegalArgumentException e) {
      // commons-compress reports a corrupt header as either
      throw new Refused("the package blob is not a valid tar.gz: " + e.getMessage());
    }
  }

  /** Chart.yaml as Helm reads it; a chart whose Chart.yaml does not parse still pushes (the OCI config is then empty). */
  private static JsonNode chartYaml(byte[] bytes) {
    try {
      return Json.YAML.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** Stops reading past {@link #MAX_UNCOMPRESSED_BYTES}. */
  private static final class Capped extends FilterInputStream {
    private long read;

    Capped(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > MAX_UNCOMPRESSED_BYTES) {
        throw new TooLarge();
      }
    }
  }

  private static final class TooLarge extends IOException {
    TooLarge() {
      super(null, null);
    }
  }
}
