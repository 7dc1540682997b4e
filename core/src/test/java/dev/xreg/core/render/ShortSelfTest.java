package dev.xreg.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortSelfTest {
  @Test
  void anAliasIsElevenUrlSafeCharactersDerivedFromTheXidAlone_CORE_COM_003() {
    String alias = ShortSelf.path("/dirs/d1/files/f1");
    assertThat(alias).matches("/-/[A-Za-z0-9_-]{11}");
    assertThat(ShortSelf.path("/dirs/d1/files/f1")).as("stable").isEqualTo(alias);
    assertThat(ShortSelf.path("/dirs/d1/files/F1")).as("another xid, another alias").isNotEqualTo(alias);
    assertThat(ShortSelf.metaPath("/dirs/d1/files/f1")).isEqualTo(alias + "/meta");
  }

  @Test
  void anXidNoLongerThanAnAliasIsItsOwnAlias() {
    assertThat(ShortSelf.path("/dirs/d1")).isEqualTo("/dirs/d1");
    assertThat(ShortSelf.path("/d/d1/f/f1/v/v1")).startsWith("/-/");
  }
}
