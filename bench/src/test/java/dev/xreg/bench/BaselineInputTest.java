package dev.xreg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The baseline puts URL parts into SQL (a table name) and into a file path: only plain names pass. */
class BaselineInputTest {
  @Test
  void tableNamesArePlainLowercaseIdentifiers() {
    assertThat(PrimaryKeyRead.validTable("bpg_r1")).isTrue();
    assertThat(PrimaryKeyRead.validTable("bpg_o3")).isTrue();
    for (String bad : new String[] {"", "1abc", "Bpg", "bpg;drop table x", "bpg r1", "pg_catalog.pg_user", "a".repeat(64)}) {
      assertThat(PrimaryKeyRead.validTable(bad)).as(bad).isFalse();
    }
  }

  @Test
  void fileNamesNeverLeaveTheDirectory() {
    assertThat(FileSend.validName("o1.bin")).isTrue();
    assertThat(FileSend.validName("layer-3_x.tar.gz")).isTrue();
    for (String bad : new String[] {"", "..", "../etc", "a/b", ".hidden", "a..b", "x".repeat(129)}) {
      assertThat(FileSend.validName(bad)).as(bad).isFalse();
    }
  }
}
