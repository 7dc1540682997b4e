package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, public URLs behind proxies: {@code XREG_PUBLIC_URL} wins; forwarding headers count
 * only from {@code XREG_TRUSTED_PROXIES}; a spoofed {@code X-Forwarded-Host} from anyone else
 * is ignored. Every URL a response carries ({@code self}, {@code Location}, {@code Link},
 * discovery) follows the same resolution.
 */
class PublicUrlsIT {
  private static final String MODEL =
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}";
  private static XregServer behindTrustedProxy;
  private static XregServer untrustedProxyOnly;
  private static XregServer withPublicUrl;

  @BeforeAll
  static void start() throws Exception {
    behindTrustedProxy = XregServer.fresh().env("XREG_TRUSTED_PROXIES", "127.0.0.1, ::1").start();
    untrustedProxyOnly = XregServer.fresh().env("XREG_TRUSTED_PROXIES", "10.0.0.0/8").start();
    withPublicUrl = XregServer.fresh().env("XREG_PUBLIC_URL", "https://registry.example.com/xr/")
        .env("XREG_TRUSTED_PROXIES", "127.0.0.1").start();
    for (XregServer s : new XregServer[] {behindTrustedProxy, untrustedProxyOnly, withPublicUrl}) {
      assertThat(s.send("PUT", "/modelsource", MODEL).statusCode()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (XregServer s : new XregServer[] {behindTrustedProxy, untrustedProxyOnly, withPublicUrl}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void xForwardedHeadersFromATrustedProxyShapeEveryUrl() throws Exception {
    Map<String, String> fwd = Map.of("Content-Type", "application/json", "X-Forwarded-Host", "reg.example.org",
        "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/registry");
    HttpResponse<String> created = behindTrustedProxy.send("PUT", "/dirs/d1", "{}", fwd);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("https://reg.example.org/registry/dirs/d1");
    assertThat(XregServer.JSON.readTree(created.body()).path("self").asText())
        .isEqualTo("https://reg.example.org/registry/dirs/d1");
    assertThat(created.headers().firstValue("Link")).hasValue("<https://reg.example.org/registry/>;rel=xregistry-root");
    HttpResponse<String> discovery = behindTrustedProxy.send("GET", "/.xregistry", null, fwd);
    assertThat(XregServer.JSON.readTree(discovery.body()).path("registries").get(0).asText())
        .isEqualTo("https://reg.example.org/registry/");
  }

  @Test
  void theForwardedHeaderOfRfc7239TakesItsFirstElement() throws Exception {
    HttpResponse<String> r = behindTrustedProxy.send("GET", "/", null,
        Map.of("Forwarded", "for=192.0.2.60;proto=https;host=\"reg.example.net:8443\", for=10.1.1.1;host=inner"));
    assertThat(XregServer.JSON.readTree(r.body()).path("self").asText()).isEqualTo("https://reg.example.net:8443/");
  }

  @Test
  void aSpoofedForwardedHostFromAnUntrustedPeerIsIgnored() throws Exception {
    HttpResponse<String> r = untrustedProxyOnly.send("GET", "/", null,
        Map.of("X-Forwarded-Host", "evil.example.com", "X-Forwarded-Proto", "https",
            "Forwarded", "host=evil.example.com;proto=https"));
    assertThat(XregServer.JSON.readTree(r.body()).path("self").asText()).isEqualTo(untrustedProxyOnly.base() + "/");
  }

  @Test
  void aMalformedForwardedHostIsIgnoredEvenFromATrustedProxy() throws Exception {
    HttpResponse<String> r = behindTrustedProxy.send("GET", "/", null,
        Map.of("X-Forwarded-Host", "evil.example.com/path?x=<script>"));
    assertThat(XregServer.JSON.readTree(r.body()).path("self").asText()).isEqualTo(behindTrustedProxy.base() + "/");
  }

  @Test
  void thePublicUrlWinsOverRequestAndForwardingHeaders() throws Exception {
    HttpResponse<String> r = withPublicUrl.send("PUT", "/dirs/d9", "{}",
        Map.of("Content-Type", "application/json", "X-Forwarded-Host", "other.example.org"));
    assertThat(r.headers().firstValue("Location")).hasValue("https://registry.example.com/xr/dirs/d9");
    assertThat(XregServer.JSON.readTree(withPublicUrl.get("/").body()).path("self").asText())
        .isEqualTo("https://registry.example.com/xr/");
  }
}
