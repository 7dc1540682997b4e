package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19: OIDC bearer tokens minted by the test (nimbus-jose-jwt) against a JWKS the test serves
 * on a loopback port, with its discovery document. Valid tokens pass with the groups of their
 * claim; expired ones, another audience or issuer, a bad signature, {@code alg: none}, an HMAC
 * token naming the RSA key's ID, all get 401; after the issuer rotates its keys, tokens signed
 * with the new key are accepted (an unknown {@code kid} makes the server fetch the keys again).
 */
class OidcBearerIT {
  static final RSAKey FIRST = key("k1");
  static final RSAKey OTHER = key("k1"); // same key ID, another key: a forged signature
  static final RSAKey ROTATED = key("k2");
  static final AtomicReference<String> JWKS = new AtomicReference<>(new JWKSet(FIRST.toPublicJWK()).toString());
  static final HttpServer ISSUER = issuer();
  static final String ISSUER_URL = "http://127.0.0.1:" + ISSUER.getAddress().getPort();
  static final String AUDIENCE = "xreg-api";

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_AUTH_OIDC_ISSUER", ISSUER_URL).env("XREG_AUTH_OIDC_AUDIENCE", AUDIENCE)
      .env("XREG_AUTH_POLICY", AuthSetup.write("policy-", ".json", """
          {"grants": [{"subjects": ["group:admins"], "roles": ["admin"]},
                      {"subjects": ["group:writers"], "roles": ["write"]},
                      {"subjects": ["group:readers"], "roles": ["read"]}]}
          """).toString());

  static RSAKey key(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpServer issuer() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext("/.well-known/openid-configuration", ex -> answer(ex, "{\"issuer\":\"http://127.0.0.1:"
          + s.getAddress().getPort() + "\",\"jwks_uri\":\"http://127.0.0.1:" + s.getAddress().getPort() + "/keys\"}"));
      s.createContext("/keys", ex -> answer(ex, JWKS.get()));
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.stop(0);
  }

  static JWTClaimsSet.Builder claims(String group) {
    long now = System.currentTimeMillis();
    return new JWTClaimsSet.Builder().issuer(ISSUER_URL).audience(AUDIENCE).subject("svc-" + group)
        .issueTime(new Date(now)).expirationTime(new Date(now + 600_000)).claim("groups", List.of(group));
  }

  static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static HttpResponse<String> send(String method, String path, String token) throws Exception {
    return server.send(method, path, method.equals("GET") ? null : "{}",
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token));
  }

  @Test
  void validTokensCarryTheirGroupsAndBadOnesAre401() throws Exception {
    String admin = signed(FIRST, claims("admins").build());
    String writer = signed(FIRST, claims("writers").build());
    String reader = signed(FIRST, claims("readers").build());
    String model = "{\"groups\":{\"dirs\":{\"singular\":\"dir\"}}}";
    assertThat(server.send("PUT", "/modelsource", model, Map.of("Content-Type", "application/json",
        "Authorization", "Bearer " + writer)).statusCode()).as("the model needs admin").isEqualTo(403);
    assertThat(server.send("PUT", "/modelsource", model, Map.of("Content-Type", "application/json",
        "Authorization", "Bearer " + admin)).statusCode()).isEqualTo(200);
    assertThat(send("PUT", "/dirs/d1", reader).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/dirs/d1", writer).statusCode()).isEqualTo(201);
    assertThat(send("GET", "/dirs/d1", reader).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/dirs/d1", signed(FIRST, claims("strangers").build())).statusCode()).isEqualTo(404);

    long now = System.currentTimeMillis();
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("expired", signed(FIRST, claims("readers").issueTime(new Date(now - 7_200_000))
        .expirationTime(new Date(now - 3_600_000)).build()));
    bad.put("wrong audience", signed(FIRST, claims("readers").audience("someone-else").build()));
    bad.put("wrong issuer", signed(FIRST, claims("readers").issuer("http://127.0.0.1:1").build()));
    bad.put("bad signature", signed(OTHER, claims("readers").build()));
    bad.put("alg none", new PlainJWT(claims("readers").build()).serialize());
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
        claims("readers").build());
    hmac.sign(new MACSigner(FIRST.toRSAPublicKey().getEncoded()));
    bad.put("HS256 with the RSA key's id", hmac.serialize());
    bad.put("not a JWT", "abc.def");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = send("GET", "/", e.getValue());
      assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).as(e.getKey()).contains("Bearer realm=\"xreg\"");
    }
  }

  @Test
  void rotatedKeysAreFetchedAgain() throws Exception {
    assertThat(send("GET", "/", signed(FIRST, claims("readers").build())).statusCode()).isEqualTo(200);
    JWKS.set(new JWKSet(List.of(ROTATED.toPublicJWK(), FIRST.toPublicJWK())).toString());
    String rotated = signed(ROTATED, claims("readers").build());
    // the server refetches an unknown kid at most every few seconds: poll a bounded number of times
    int status = 0;
    for (int i = 0; i < 60 && status != 200; i++) {
      status = send("GET", "/", rotated).statusCode();
      if (status != 200) {
        Thread.sleep(250);
      }
    }
    assertThat(status).isEqualTo(200);
  }
}
