package dev.xreg.http.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 16: {@code XREG_TRUSTED_PROXIES} entries. */
class AddressRangeTest {

  @Test
  void anAddressMatchesOnlyItself() {
    AddressRange one = AddressRange.parse("127.0.0.1");
    assertThat(one.contains("127.0.0.1")).isTrue();
    assertThat(one.contains("127.0.0.2")).isFalse();
    assertThat(one.contains("::1")).isFalse();
  }

  @Test
  void cidrRangesMatchTheirPrefix() {
    AddressRange ten = AddressRange.parse("10.0.0.0/8");
    assertThat(ten.contains("10.255.1.2")).isTrue();
    assertThat(ten.contains("11.0.0.1")).isFalse();
    AddressRange v6 = AddressRange.parse("fd00::/8");
    assertThat(v6.contains("fd12:3456::1")).isTrue();
    assertThat(v6.contains("fe80::1")).isFalse();
    assertThat(AddressRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    assertThat(AddressRange.parse("192.168.1.0/24").contains("192.168.2.1")).isFalse();
  }

  @Test
  void namesAndGarbageAreRefusedWithTheSettingsName() {
    for (String bad : new String[] {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "", "1.2.3.4/-1"}) {
      assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).hasMessageContaining("XREG_TRUSTED_PROXIES");
    }
  }

  @Test
  void aPeerThatIsNoLiteralNeverMatches() {
    assertThat(AddressRange.parse("0.0.0.0/0").contains("localhost")).isFalse();
  }

  @Test
  void thePublicUrlMustBeAnAbsoluteHttpUrl() {
    assertThat(ProxyAwareUrls.checkedPublicUrl("https://reg.example.com/x/")).isEqualTo("https://reg.example.com/x");
    for (String bad : new String[] {"reg.example.com", "ftp://reg.example.com", "https://reg.example.com/?a=b",
        "http://"}) {
      assertThatThrownBy(() -> ProxyAwareUrls.checkedPublicUrl(bad)).as(bad)
          .hasMessageContaining("XREG_PUBLIC_URL");
    }
  }
}
