package dev.xreg.it;

import static dev.xreg.it.CnrClient.PREFIX;
import static dev.xreg.it.CnrClient.assertError;
import static dev.xreg.it.CnrClient.helmChart;
import static dev.xreg.it.CnrClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17: bad input gets the right CNR-021 code and status and changes nothing; the routes
 * this server does not serve (CNR-019 login, owned by the auth issue; CNR-022) answer 501.
 * The server's body limit is small, so an oversized push is cheap to send.
 */
class CnrBadInputIT {
  private static final int MAX_BODY = 64 * 1024;

  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MAX_BODY_BYTES", Integer.toString(MAX_BODY));

  private final CnrClient cnr = new CnrClient(server);

  private String pkg(String name) {
    return server.uniquePath("bad") + "/" + name;
  }

  /** Nothing of the package exists: not in CNR, not as an OCI repository. */
  private void assertNothingStored(String pkg) throws Exception {
    assertError(cnr.get(PREFIX + pkg), 404, "package-not-found");
    assertThat(server.get("/v2/" + pkg + "/tags/list").statusCode()).isEqualTo(404);
  }

  @Test
  void cnr005_cnr021_badPackageNamesAreInvalidUsage() throws Exception {
    byte[] chart = helmChart("x", "1.0.0");
    for (String name : new String[] {"Upper/pkg", "ns/Pkg", "ns/a..b", "ns/-a", "ns/a%20b"}) {
      assertError(cnr.push(name, "1.0.0", "helm", chart, false), 400, "invalid-usage");
    }
    assertError(cnr.get(PREFIX + "Upper/pkg"), 400, "invalid-usage");
  }

  @Test
  void cnr005_cnr021_badSemverIsInvalidReleaseAndNothingIsStored() throws Exception {
    String pkg = pkg("semver");
    byte[] chart = helmChart("semver", "1.0.0");
    for (String release : new String[] {"1.0", "v1.0.0", "latest", "1.0.0+build.7", "01.0.0", ""}) {
      assertError(cnr.push(pkg, release, "helm", chart, false), 422, "invalid-release");
    }
    assertNothingStored(pkg);
    // Quay refused '+build' names on the channel path too
    cnr.pushOk(pkg, "1.0.0", "helm", chart);
    assertError(cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0%2Bb1"), 422, "invalid-release");
    assertError(cnr.get(PREFIX + pkg + "/channels/stable"), 404, "channel-not-found");
  }

  @Test
  void cnr005_blobsThatAreNotTarGzAreInvalidUsageAndNothingIsStored() throws Exception {
    String pkg = pkg("blob");
    byte[] notGzip = "just some text, no archive".getBytes(StandardCharsets.UTF_8);
    byte[] gzipNotTar = CnrClient.gzip("plain text inside gzip, no tar headers at all".repeat(20)
        .getBytes(StandardCharsets.UTF_8));
    byte[] brokenGzip = java.util.Arrays.copyOf(helmChart("blob", "1.0.0"), 40);
    for (byte[] blob : new byte[][] {notGzip, gzipNotTar, brokenGzip, CnrClient.gzip(new byte[1024])}) {
      assertError(cnr.push(pkg, "1.0.0", "helm", blob, false), 400, "invalid-usage");
    }
    assertError(cnr.push(pkg, "1.0.0", "helm", "%%% not base64 %%%", null, false), 400, "invalid-usage");
    assertNothingStored(pkg);
  }

  @Test
  void cnr005_missingOrMalformedFieldsAreInvalidUsage() throws Exception {
    String pkg = pkg("fields");
    String blob = Base64.getEncoder().encodeToString(helmChart("fields", "1.0.0"));
    for (String body : new String[] {"not json", "[]", "{\"release\":\"1.0.0\",\"media_type\":\"helm\"}",
        "{\"blob\":\"" + blob + "\",\"media_type\":\"helm\"}", "{\"blob\":\"" + blob + "\",\"release\":\"1.0.0\"}",
        "{\"blob\":\"" + blob + "\",\"release\":\"1.0.0\",\"media_type\":\"Not A Type\"}",
        "{\"blob\":\"" + blob + "\",\"release\":\"1.0.0\",\"media_type\":\"helm\",\"metadata\":[1]}"}) {
      assertError(server.send("POST", PREFIX + pkg, body), 400, "invalid-usage");
    }
    assertNothingStored(pkg);
  }

  @Test
  void cnr021_aBodyOverTheLimitIs413InTheCnrEnvelope() throws Exception {
    String pkg = pkg("huge");
    byte[] big = new byte[MAX_BODY];
    new java.util.Random(17).nextBytes(big); // incompressible: the tar.gz stays over the limit
    HttpResponse<String> r = cnr.push(pkg, "1.0.0", "helm", CnrClient.tarGz(Map.of("huge/blob.bin", big)), false);
    assertError(r, 413, "invalid-usage");
    assertNothingStored(pkg);
  }

  @Test
  void cnr021_unknownPackageReleaseChannelAndBlobAre404() throws Exception {
    String pkg = pkg("known");
    cnr.pushOk(pkg, "1.0.0", "helm", helmChart("known", "1.0.0"));
    String missing = pkg("missing");
    assertError(cnr.get(PREFIX + missing), 404, "package-not-found");
    assertError(cnr.get(PREFIX + missing + "/1.0.0/helm/pull"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + missing + "/channels"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/2.0.0/helm/pull"), 404, "package-not-found");
    assertError(cnr.send("DELETE", PREFIX + pkg + "/2.0.0/helm"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/channels/nope"), 404, "channel-not-found");
    assertError(cnr.send("POST", PREFIX + pkg + "/channels/stable/2.0.0"), 404, "package-release-not-found");
    assertError(cnr.get(PREFIX + pkg + "/blobs/sha256/" + "0".repeat(64)), 404, "resource-not-found");
    assertError(cnr.get("/cnr/api/v1/nothing-here"), 404, "resource-not-found");
    // nothing changed
    assertThat(json(cnr.get(PREFIX + pkg)).size()).isEqualTo(1);
    assertThat(json(cnr.get(PREFIX + pkg + "/channels")).size()).isZero();
  }

  @Test
  void cnr019_cnr022_unservedRoutesAre501Unsupported() throws Exception {
    assertError(server.send("POST", "/cnr/api/v1/users/login", "{\"user\":{\"username\":\"a\",\"password\":\"b\"}}"),
        501, "unsupported");
    assertError(server.send("POST", "/cnr/api/v1/users", "{}"), 501, "unsupported");
    String pkg = pkg("gen");
    assertError(cnr.send("POST", PREFIX + pkg + "/channels?name=stable"), 501, "unsupported");
    assertError(cnr.get(PREFIX + pkg + "/generate"), 501, "unsupported");
  }
}
