package dev.xreg.it;

import static dev.xreg.it.OciClient.CONFIG;
import static dev.xreg.it.OciClient.LAYER;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.manifest;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 (O3, C1): the node cache of OCI manifests and App Registry packages
 * ({@code XREG_CONTENT_CACHE_MAX_BYTES}, README "Caching") never outlives what it shows. Every
 * read below is made twice before the change, so the second is answered from the cache; the
 * change's own reply comes back only once the cache dropped it (same node), and another node on
 * the same database drops it when the change's notice arrives. The guard runs before the cache:
 * a caller who may not pull never gets a cached manifest.
 */
class ContentCacheIT {
  static final Path USERS = AuthSetup.usersFile("admin", "dave");
  /** admin may do anything; dave is known and may do nothing. */
  static final Path POLICY = AuthSetup.write("policy-", ".yaml", """
      grants:
        - subjects: [user:admin]
          roles: [admin]
      """);
  /** README "Caching": another node's change is seen within the notification latency; generous here. */
  private static final long CLUSTER_BOUND_MS = 10_000;

  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .env("XREG_AUTH_USERS_FILE", USERS.toString()).env("XREG_AUTH_POLICY", POLICY.toString());

  private static Map<String, String> as(String user, String contentType) {
    Map<String, String> h = new HashMap<>();
    if (user != null) {
      h.put("Authorization", AuthSetup.basic(user, AuthSetup.PASSWORD));
    }
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    return h;
  }

  private static HttpResponse<byte[]> send(XregServer node, String user, String method, String path, byte[] body,
      String contentType) throws Exception {
    return node.sendBytes(method, path, body, as(user, contentType));
  }

  private static HttpResponse<byte[]> admin(String method, String path) throws Exception {
    return send(server, "admin", method, path, null, null);
  }

  private static String pushBlob(String repo, byte[] blob) throws Exception {
    HttpResponse<byte[]> started = send(server, "admin", "POST", "/v2/" + repo + "/blobs/uploads/", null, null);
    assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
    String digest = sha256(blob);
    HttpResponse<byte[]> r = send(server, "admin", "PUT",
        withDigest(pathOf(started.headers().firstValue("Location").orElseThrow()), digest), blob,
        "application/octet-stream");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return digest;
  }

  /** Pushes an image manifest (config and layer first) under {@code tag}; its digest. */
  private static String pushImage(String repo, String tag, String seed) throws Exception {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = bytes(seed, 300);
    byte[] m = manifest(OCI_MANIFEST, descriptor(CONFIG, pushBlob(repo, config), config.length),
        descriptor(LAYER, pushBlob(repo, layer), layer.length), null, null);
    HttpResponse<byte[]> r = send(server, "admin", "PUT", "/v2/" + repo + "/manifests/" + tag, m, OCI_MANIFEST);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return sha256(m);
  }

  /** GETs {@code path} twice (the second from the cache) and expects 200 with {@code digest} both times. */
  private static void readTwice(XregServer node, String path, String digest) throws Exception {
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> r = send(node, "admin", "GET", path, null, null);
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    }
  }

  @Test
  void aCachedManifestIsGoneRightAfterItsDelete() throws Exception {
    String repo = server.uniquePath("gone/img");
    String digest = pushImage(repo, "v1", "gone");
    readTwice(server, "/v2/" + repo + "/manifests/" + digest, digest);
    readTwice(server, "/v2/" + repo + "/manifests/v1", digest);
    assertThat(admin("HEAD", "/v2/" + repo + "/manifests/" + digest).statusCode()).isEqualTo(200);

    assertThat(admin("DELETE", "/v2/" + repo + "/manifests/" + digest).statusCode()).isEqualTo(202);

    for (String ref : new String[] {digest, "v1"}) {
      HttpResponse<byte[]> r = admin("GET", "/v2/" + repo + "/manifests/" + ref);
      assertThat(r.statusCode()).as("GET %s after the delete: %s", ref, text(r)).isEqualTo(404);
      assertThat(admin("HEAD", "/v2/" + repo + "/manifests/" + ref).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aTagMoveOrDeleteIsSeenAtOnce() throws Exception {
    String repo = server.uniquePath("moves/img");
    String first = pushImage(repo, "latest", "first");
    readTwice(server, "/v2/" + repo + "/manifests/latest", first);

    String second = pushImage(repo, "latest", "second");
    assertThat(second).isNotEqualTo(first);
    readTwice(server, "/v2/" + repo + "/manifests/latest", second);

    assertThat(admin("DELETE", "/v2/" + repo + "/manifests/latest").statusCode()).isEqualTo(202);
    assertThat(admin("GET", "/v2/" + repo + "/manifests/latest").statusCode()).isEqualTo(404);
    // the manifest itself stays, by digest (OCI-024)
    readTwice(server, "/v2/" + repo + "/manifests/" + second, second);
  }

  @Test
  void aCallerWhoMayNotPullNeverGetsACachedManifest() throws Exception {
    String repo = server.uniquePath("private/img");
    String digest = pushImage(repo, "v1", "private");
    for (String ref : new String[] {digest, "v1"}) {
      String path = "/v2/" + repo + "/manifests/" + ref;
      readTwice(server, path, digest);
      for (String method : new String[] {"GET", "HEAD"}) {
        HttpResponse<byte[]> anonymous = send(server, null, method, path, null, null);
        assertThat(anonymous.statusCode()).as("anonymous %s %s", method, ref).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Docker-Content-Digest")).isEmpty();
        HttpResponse<byte[]> dave = send(server, "dave", method, path, null, null);
        assertThat(dave.statusCode()).as("dave %s %s", method, ref).isEqualTo(404);
        assertThat(dave.headers().firstValue("Docker-Content-Digest")).isEmpty();
      }
    }
  }

  private static HttpResponse<byte[]> pushPackage(XregServer node, String pkg, String release, byte[] tarGz,
      boolean force) throws Exception {
    String body = "{\"blob\":\"" + Base64.getEncoder().encodeToString(tarGz) + "\",\"release\":\"" + release
        + "\",\"media_type\":\"helm\"}";
    return send(node, "admin", "POST", CnrClient.PREFIX + pkg + "?force=" + force,
        body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static byte[] pullTwice(XregServer node, String path) throws Exception {
    byte[] first = null;
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> r = send(node, "admin", "GET", path, null, null);
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      if (first != null) {
        assertThat(r.body()).isEqualTo(first);
      }
      first = r.body();
    }
    return first;
  }

  @Test
  void aPulledReleaseIsReplacedAndGoneRightAfterTheWrite() throws Exception {
    String pkg = server.uniquePath("cnrcache/pkg");
    byte[] one = CnrClient.helmChart("pkg", "1.0.0");
    assertThat(pushPackage(server, pkg, "1.0.0", one, false).statusCode()).isEqualTo(200);
    String pull = CnrClient.PREFIX + pkg + "/1.0.0/helm/pull";
    assertThat(pullTwice(server, pull)).isEqualTo(one);
    assertThat(pullTwice(server, CnrClient.PREFIX + pkg + "/default/helm/pull")).isEqualTo(one);

    // a forced push replaces the release's content: the next pull has the new bytes
    byte[] replaced = CnrClient.helmChart("pkg", "1.0.0-replaced");
    assertThat(pushPackage(server, pkg, "1.0.0", replaced, true).statusCode()).isEqualTo(200);
    assertThat(pullTwice(server, pull)).isEqualTo(replaced);

    // a new release becomes the default at once
    byte[] two = CnrClient.helmChart("pkg", "2.0.0");
    assertThat(pushPackage(server, pkg, "2.0.0", two, false).statusCode()).isEqualTo(200);
    assertThat(pullTwice(server, CnrClient.PREFIX + pkg + "/default/helm/pull")).isEqualTo(two);

    HttpResponse<byte[]> deleted = admin("DELETE", CnrClient.PREFIX + pkg + "/1.0.0/helm");
    assertThat(deleted.statusCode()).as(text(deleted)).isEqualTo(200);
    assertThat(admin("GET", pull).statusCode()).isEqualTo(404);
    assertThat(admin("GET", CnrClient.PREFIX + pkg + "/1.0.0").statusCode()).isEqualTo(404);
  }

  @Test
  void aSecondNodeDropsWhatAnotherNodeDeleted() throws Exception {
    String repo = server.uniquePath("cluster/img");
    String digest = pushImage(repo, "v1", "cluster");
    String pkg = server.uniquePath("clustercnr/pkg");
    byte[] chart = CnrClient.helmChart("pkg", "1.0.0");
    assertThat(pushPackage(server, pkg, "1.0.0", chart, false).statusCode()).isEqualTo(200);
    // node B has a blob store of its own (a disk in its data directory): it shows the release's manifest
    String show = CnrClient.PREFIX + pkg + "/1.0.0/helm";
    try (XregServer b = XregServer.fresh()) {
      b.env("XREG_DB_URL", server.embeddedDatabaseUrl())
          .env("XREG_AUTH_USERS_FILE", USERS.toString()).env("XREG_AUTH_POLICY", POLICY.toString()).start();
      readTwice(b, "/v2/" + repo + "/manifests/" + digest, digest);
      readTwice(b, "/v2/" + repo + "/manifests/v1", digest);
      assertThat(new String(pullTwice(b, show), StandardCharsets.UTF_8)).contains("\"release\":\"1.0.0\"");

      assertThat(admin("DELETE", "/v2/" + repo + "/manifests/" + digest).statusCode()).isEqualTo(202);
      assertThat(admin("DELETE", CnrClient.PREFIX + pkg + "/1.0.0/helm").statusCode()).isEqualTo(200);

      for (String path : new String[] {"/v2/" + repo + "/manifests/" + digest, "/v2/" + repo + "/manifests/v1", show}) {
        long deadline = System.currentTimeMillis() + CLUSTER_BOUND_MS;
        int status;
        do {
          status = send(b, "admin", "GET", path, null, null).statusCode();
          if (status != 404) {
            Thread.sleep(50);
          }
        } while (status != 404 && System.currentTimeMillis() < deadline);
        assertThat(status).as("node B's answer to %s within %d ms of the delete", path, CLUSTER_BOUND_MS).isEqualTo(404);
      }
    }
  }
}
