package dev.xreg.cnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** CNR-005: a pushed blob must be a tar inside gzip; CNR-012: its address is the uncompressed tar's sha256. */
class PackageArchiveTest {

  private static byte[] tar(String name, String content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void cnr012_theContentDigestIsTheSha256OfTheWholeUncompressedTar() throws Exception {
    byte[] tar = tar("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
    PackageArchive archive = PackageArchive.read(gzip(tar));
    assertThat(archive.contentDigest()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar)));
    assertThat(archive.entries()).isEqualTo(1);
    assertThat(archive.chartYaml().path("name").asText()).isEqualTo("chart");
    assertThat(archive.chartYaml().path("version").asText()).isEqualTo("0.1.0");
  }

  @Test
  void onlyTheChartDirectorysChartYamlIsTheChart() throws Exception {
    assertThat(PackageArchive.read(gzip(tar("chart/charts/dep/Chart.yaml", "name: dep\n"))).chartYaml()).isNull();
    assertThat(PackageArchive.read(gzip(tar("Chart.yaml", "name: top\n"))).chartYaml()).isNull();
  }

  @Test
  void cnr005_whatIsNotATarGzIsInvalidUsage() throws Exception {
    byte[] text = "hello, not an archive".getBytes(StandardCharsets.UTF_8);
    byte[] valid = gzip(tar("a/b.txt", "b"));
    for (byte[] bad : new byte[][] {text, gzip(text), gzip("x".repeat(2000).getBytes(StandardCharsets.UTF_8)),
        gzip(new byte[1024]), java.util.Arrays.copyOf(valid, valid.length / 2), new byte[0], tar("a/b.txt", "b")}) {
      assertThatThrownBy(() -> PackageArchive.read(bad)).isInstanceOf(Refused.class)
          .satisfies(e -> assertThat(((Refused) e).error()).isEqualTo(CnrError.INVALID_USAGE));
    }
  }
}
