package dev.xreg.it;

import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.errorCode;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, "The xRegistry view of the same content": with {@code XREG_MODEL=oci} every
 * repository and tag pushed through {@code /v2/} is an image and a Version under
 * {@code /namespaces}, changed in the push's or delete's own transaction; the xRegistry API
 * may change only labels and description there (docs/oci.md "xRegistry view").
 */
class OciXRegistryViewIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_MODEL", "oci");

  private final OciClient oci = new OciClient(server);

  /** Pushes an image manifest (its blobs first) to {@code repo:tag}; returns the manifest bytes. */
  private byte[] push(String repo, String tag, String seed) throws Exception {
    byte[] manifest = oci.imageManifest(repo, seed);
    HttpResponse<byte[]> r = oci.putManifest(repo, tag, manifest, OCI_MANIFEST);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return manifest;
  }

  private static String view(String repo) {
    int slash = repo.indexOf('/');
    return slash < 0 ? "/namespaces/_/images/" + repo
        : "/namespaces/" + repo.substring(0, slash) + "/images/" + repo.substring(slash + 1).replace('/', '~');
  }

  @Test
  void pushedTagsAreVersionsWhoseDocumentIsTheManifest() throws Exception {
    byte[] latest = push("library/alpine", "latest", "alpine-latest");
    byte[] v1 = push("library/alpine", "v1", "alpine-v1");
    byte[] single = push("alpine", "latest", "single-latest");
    push("alpine", "v1", "single-v1");

    HttpResponse<byte[]> doc = oci.send("GET", "/namespaces/library/images/alpine/versions/latest", null, Map.of());
    assertThat(doc.statusCode()).as(text(doc)).isEqualTo(200);
    assertThat(doc.body()).isEqualTo(latest);
    assertThat(doc.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);

    JsonNode details = server.json("/namespaces/library/images/alpine/versions/v1$details");
    assertThat(details.path("versionid").asText()).isEqualTo("v1");
    assertThat(details.path("digest").asText()).isEqualTo(sha256(v1));
    assertThat(details.path("size").asLong()).isEqualTo(v1.length);
    assertThat(details.path("mediatype").asText()).isEqualTo(OCI_MANIFEST);
    assertThat(details.path("contenttype").asText()).isEqualTo(OCI_MANIFEST);
    assertThat(details.path("annotations").path("it").asText()).isEqualTo("yes");
    assertThat(details.has("subject")).isFalse();

    // a single-segment name is in the namespace "_"; the Resource shows its default Version
    HttpResponse<byte[]> image = oci.send("GET", "/namespaces/_/images/alpine", null, Map.of());
    assertThat(image.statusCode()).as(text(image)).isEqualTo(200);
    assertThat(image.body()).isEqualTo(single);
    JsonNode versions = server.json("/namespaces/_/images/alpine/versions");
    assertThat(versions.has("latest")).isTrue();
    assertThat(versions.has("v1")).isTrue();
    assertThat(server.json("/namespaces/library/images").has("alpine")).isTrue();
  }

  @Test
  void theDefaultVersionIsLatestWhileItExistsElseTheNewest() throws Exception {
    String repo = server.uniquePath("defaults/app");
    push(repo, "v1", "d-v1");
    push(repo, "v2", "d-v2");
    assertThat(meta(repo).path("defaultversionid").asText()).isEqualTo("v2");

    push(repo, "latest", "d-latest");
    push(repo, "v3", "d-v3");
    assertThat(meta(repo).path("defaultversionid").asText()).isEqualTo("latest");

    assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/latest", null, Map.of()).statusCode()).isEqualTo(202);
    assertThat(meta(repo).path("defaultversionid").asText()).isEqualTo("v3");

    // moving a tag makes it the newest
    push(repo, "v1", "d-v1-again");
    assertThat(meta(repo).path("defaultversionid").asText()).isEqualTo("v1");
  }

  @Test
  void aTagDifferingOnlyByCaseOrReservedIsRefusedAndChangesNothing() throws Exception {
    String repo = server.uniquePath("cases/app");
    push(repo, "v1", "c-v1");
    byte[] manifest = oci.imageManifest(repo, "c-upper");
    HttpResponse<byte[]> r = oci.putManifest(repo, "V1", manifest, OCI_MANIFEST);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("MANIFEST_INVALID");
    assertThat(text(r)).contains("differs only in case").contains("'v1'");
    // rolled back with the view: not readable by the OCI API either
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/V1", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(server.get(view(repo) + "/versions/V1$details").statusCode()).isEqualTo(404);

    // "null" and "request" are valid tags but reserved Version IDs
    HttpResponse<byte[]> reserved = oci.putManifest(repo, "null", manifest, OCI_MANIFEST);
    assertThat(reserved.statusCode()).as(text(reserved)).isEqualTo(400);
    assertThat(errorCode(reserved)).isEqualTo("MANIFEST_INVALID");
  }

  @Test
  void deletesRemoveVersionsAndMoveTheEpoch() throws Exception {
    String repo = server.uniquePath("deletes/app");
    push(repo, "v1", "x-v1");
    byte[] two = push(repo, "v2", "x-v2");
    push(repo, "also-v2", "x-v2"); // same manifest, a second tag
    long epoch = meta(repo).path("epoch").asLong();
    String modified = meta(repo).path("modifiedat").asText();

    assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/v1", null, Map.of()).statusCode()).isEqualTo(202);
    assertThat(server.get(view(repo) + "/versions/v1$details").statusCode()).isEqualTo(404);
    assertThat(meta(repo).path("epoch").asLong()).isGreaterThan(epoch);
    assertThat(meta(repo).path("modifiedat").asText()).isNotEqualTo(modified);

    // a manifest delete takes every tag on it; the last tag gone takes the image
    HttpResponse<byte[]> gone = oci.send("DELETE", "/v2/" + repo + "/manifests/" + sha256(two), null, Map.of());
    assertThat(gone.statusCode()).as(text(gone)).isEqualTo(202);
    assertThat(server.get(view(repo) + "$details").statusCode()).isEqualTo(404);
  }

  @Test
  void xregistryWritesMayChangeOnlyLabelsAndDescription() throws Exception {
    String repo = server.uniquePath("writes/app");
    String ns = repo.substring(0, repo.indexOf('/'));
    push(repo, "v1", "w-v1");
    String version = view(repo) + "/versions/v1$details";

    JsonNode patched = server.ok("PATCH", version, "{\"labels\":{\"team\":\"blue\"},\"description\":\"the app\"}");
    assertThat(patched.path("labels").path("team").asText()).isEqualTo("blue");
    assertThat(patched.path("description").asText()).isEqualTo("the app");

    readonly(server.send("PATCH", version, "{\"digest\":\"sha256:00\"}"));
    readonly(server.send("PUT", view(repo) + "/versions/v9$details", "{}"));
    readonly(server.send("POST", view(repo) + "/versions", "{\"v9\":{}}"));
    readonly(server.send("DELETE", view(repo) + "/versions/v1", null));
    readonly(server.send("DELETE", view(repo), null));
    readonly(server.send("DELETE", "/namespaces/" + ns, null));
    readonly(server.send("PUT", "/namespaces/" + ns + "/images/made-up$details", "{}"));
    readonly(server.send("PATCH", view(repo) + "/meta", "{\"defaultversionid\":\"v1\",\"defaultversionsticky\":true}"));

    // a tag move keeps the labels and changes the rest
    byte[] moved = push(repo, "v1", "w-v1-moved");
    JsonNode after = server.json(version);
    assertThat(after.path("digest").asText()).isEqualTo(sha256(moved));
    assertThat(after.path("labels").path("team").asText()).isEqualTo("blue");
  }

  @Test
  void settingTheModelFillsTheViewAndRemovingItRemovesIt() throws Exception {
    String repo = server.uniquePath("backfill/app");
    byte[] v1 = push(repo, "v1", "b-v1");
    push(repo, "latest", "b-latest");
    String source = server.get("/modelsource").body();

    HttpResponse<String> off = server.send("PUT", "/modelsource", "{}");
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(server.get("/namespaces").statusCode()).isEqualTo(404);
    push(repo, "v2", "b-v2"); // pushed while the view is off

    HttpResponse<String> on = server.send("PUT", "/modelsource", source);
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    JsonNode details = server.json(view(repo) + "/versions/v1$details");
    assertThat(details.path("digest").asText()).isEqualTo(sha256(v1));
    assertThat(server.json(view(repo) + "/versions").has("v2")).isTrue();
    assertThat(meta(repo).path("defaultversionid").asText()).isEqualTo("latest");
  }

  private JsonNode meta(String repo) throws Exception {
    return server.json(view(repo) + "/meta");
  }

  private static void readonly(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).endsWith("#readonly");
    assertThat(p.path("detail").asText()).contains("/v2/");
  }
}
