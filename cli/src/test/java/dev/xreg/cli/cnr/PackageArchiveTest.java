package dev.xreg.cli.cnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.cli.CliFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageArchiveTest {
  @TempDir
  Path tmp;

  @Test
  void packedDirectoryUnpacksToTheSameFiles_underItsOwnName() throws Exception {
    Path chart = Files.createDirectories(tmp.resolve("mychart/templates"));
    Files.writeString(tmp.resolve("mychart/Chart.yaml"), "name: mychart\n");
    Files.write(chart.resolve("cm.yaml"), new byte[700]);
    String deep = "d".repeat(60) + "/" + "e".repeat(60);
    Files.createDirectories(tmp.resolve("mychart").resolve(deep));
    Files.writeString(tmp.resolve("mychart").resolve(deep).resolve("long.txt"), "long path");

    byte[] tgz = PackageArchive.pack(tmp.resolve("mychart"));
    assertThat(tgz).startsWith((byte) 0x1f, (byte) 0x8b);
    assertThat(PackageArchive.pack(tmp.resolve("mychart"))).as("reproducible").isEqualTo(tgz);

    Path out = tmp.resolve("out");
    List<String> skipped = new ArrayList<>();
    assertThat(PackageArchive.unpack(new ByteArrayInputStream(tgz), out, skipped::add)).isEqualTo(3);
    assertThat(skipped).isEmpty();
    assertThat(Files.readString(out.resolve("mychart/Chart.yaml"))).isEqualTo("name: mychart\n");
    assertThat(Files.readAllBytes(out.resolve("mychart/templates/cm.yaml"))).hasSize(700);
    assertThat(Files.readString(out.resolve("mychart").resolve(deep).resolve("long.txt"))).isEqualTo("long path");
  }

  @Test
  void unpackRefusesEntriesOutsideTheTarget() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] h = new byte[512];
      byte[] name = "../evil.txt".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, h, 0, name.length);
      System.arraycopy("00000000000\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
      h[156] = '0';
      gz.write(h);
      gz.write(new byte[1024]);
    }
    Path out = tmp.resolve("safe");
    assertThatThrownBy(() -> PackageArchive.unpack(new ByteArrayInputStream(bytes.toByteArray()), out, s -> { }))
        .isInstanceOf(IOException.class).hasMessageContaining("outside");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void packageRefsSplitReleaseAndChannel() {
    assertThat(PackageRef.parse("acme/app@>=1.0.0,<2.0.0").release()).isEqualTo(">=1.0.0,<2.0.0");
    PackageRef channel = PackageRef.parse("acme/app:stable");
    assertThat(channel.channel()).isEqualTo("stable");
    assertThat(channel.path()).isEqualTo("acme/app");
    assertThatThrownBy(() -> PackageRef.parse("app")).isInstanceOf(CliFailure.class);
    assertThatThrownBy(() -> PackageRef.parse("a/b/c@1.0.0")).isInstanceOf(CliFailure.class);
    assertThatThrownBy(() -> channel.withRelease("1.0.0")).isInstanceOf(CliFailure.class);
  }
}
