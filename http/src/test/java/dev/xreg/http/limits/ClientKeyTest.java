package dev.xreg.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyTest {

  @Test
  void forwardedNodesLoseQuotesBracketsAndPorts() {
    assertThat(ClientKey.node("192.0.2.60")).isEqualTo("192.0.2.60");
    assertThat(ClientKey.node("192.0.2.60:4711")).isEqualTo("192.0.2.60");
    assertThat(ClientKey.node("\"[2001:db8:cafe::17]:4711\"")).isEqualTo("2001:db8:cafe::17");
    assertThat(ClientKey.node("2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(ClientKey.node("unknown")).isEqualTo("unknown");
  }
}
