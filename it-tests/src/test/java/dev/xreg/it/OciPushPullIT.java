package dev.xreg.it;

import static dev.xreg.it.OciClient.DOCKER_LIST;
import static dev.xreg.it.OciClient.DOCKER_MANIFEST;
import static dev.xreg.it.OciClient.OCI_INDEX;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.errorCode;
import static dev.xreg.it.OciClient.manifest;
import static dev.xreg.it.OciClient.pathOf;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.sha512;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: the OCI Distribution workflows against the built server, one test per checklist
 * row or group of rows (OCI-001 ... OCI-032), each in a repository of its own.
 */
class OciPushPullIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private final OciClient oci = new OciClient(server);

  private String repo(String prefix) {
    return server.uniquePath(prefix);
  }

  @Test
  void oci001_pingAnswers200WithTheApiVersionHeader() throws Exception {
    HttpResponse<byte[]> r = oci.send("GET", "/v2/", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
  }

  @Test
  void oci005_oci007_oci009_monolithicPushIsReadableInItsRepositoryOnly() throws Exception {
    String repo = repo("pull/a");
    byte[] blob = bytes("mono", 1000);
    String digest = oci.pushBlob(repo, blob);

    HttpResponse<byte[]> head = oci.send("HEAD", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("1000");
    assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

    HttpResponse<byte[]> get = oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(blob);
    assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    // issue 16: a blob is addressed by its digest and never changes
    assertThat(get.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

    // OCI-005: repository scoping
    HttpResponse<byte[]> elsewhere = oci.send("GET", "/v2/" + repo("pull/b") + "/blobs/" + digest, null, Map.of());
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(errorCode(elsewhere)).isEqualTo("BLOB_UNKNOWN");
  }

  @Test
  void oci006_rangeRequestsAnswer206Or416() throws Exception {
    String repo = repo("range/r");
    byte[] blob = bytes("range", 1000);
    String path = "/v2/" + repo + "/blobs/" + oci.pushBlob(repo, blob);

    HttpResponse<byte[]> mid = oci.send("GET", path, null, Map.of("Range", "bytes=500-1499"));
    assertThat(mid.statusCode()).isEqualTo(206);
    assertThat(mid.headers().firstValue("Content-Range")).hasValue("bytes 500-999/1000");
    assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(blob, 500, 1000));

    HttpResponse<byte[]> open = oci.send("GET", path, null, Map.of("Range", "bytes=500-"));
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(blob, 500, 1000));

    HttpResponse<byte[]> suffix = oci.send("GET", path, null, Map.of("Range", "bytes=-100"));
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(blob, 900, 1000));

    HttpResponse<byte[]> inverted = oci.send("GET", path, null, Map.of("Range", "bytes=500-0"));
    assertThat(inverted.statusCode()).as("an invalid range is ignored (RFC 9110)").isEqualTo(200);
    assertThat(inverted.body()).isEqualTo(blob);

    HttpResponse<byte[]> past = oci.send("GET", path, null, Map.of("Range", "bytes=2000-5000"));
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */1000");
  }

  @Test
  void oci008_oci010_singlePostStoresTheBlob() throws Exception {
    String repo = repo("post/r");
    byte[] blob = bytes("single", 2048);
    String digest = sha256(blob);
    HttpResponse<byte[]> r = oci.send("POST", withDigest("/v2/" + repo + "/blobs/uploads/", digest), blob,
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(pathOf(r.headers().firstValue("Location").orElseThrow())).isEqualTo("/v2/" + repo + "/blobs/" + digest);
    assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);
  }

  /**
   * curl sends {@code Expect: 100-continue} with every upload body over 1 KiB and waits (1 s) for
   * the interim 100 before sending it; a client may wait for good. Answered at once.
   */
  @Test
  void oci010_aPushThatExpects100ContinueGetsIt() throws Exception {
    String repo = repo("expect/r");
    byte[] blob = bytes("expect continue", 64 * 1024);
    String digest = sha256(blob);
    HttpRequest push = HttpRequest.newBuilder(URI.create(server.base() + withDigest("/v2/" + repo + "/blobs/uploads/", digest)))
        .expectContinue(true).timeout(java.time.Duration.ofSeconds(20))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build();
    HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(push, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);
  }

  @Test
  void oci008_sessionStartsWithRangeAndUuid() throws Exception {
    HttpResponse<byte[]> r = oci.send("POST", "/v2/" + repo("sess/r") + "/blobs/uploads/", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(202);
    String uuid = r.headers().firstValue("Docker-Upload-UUID").orElseThrow();
    assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith(server.base()).endsWith(uuid);
    assertThat(r.headers().firstValue("Range")).hasValue("0-0");
  }

  @Test
  void oci011_oci013_oci014_chunksInOrderThenOutOfOrderIs416() throws Exception {
    String repo = repo("chunk/r");
    byte[] blob = bytes("chunks", 3000);
    String location = oci.startUpload(repo);

    HttpResponse<byte[]> first = oci.send("PATCH", location, Arrays.copyOfRange(blob, 0, 1000),
        Map.of("Content-Type", "application/octet-stream", "Content-Range", "0-999"));
    assertThat(first.statusCode()).as(text(first)).isEqualTo(202);
    assertThat(first.headers().firstValue("Range")).hasValue("0-999");
    location = pathOf(first.headers().firstValue("Location").orElseThrow());

    HttpResponse<byte[]> skipped = oci.send("PATCH", location, Arrays.copyOfRange(blob, 2000, 3000),
        Map.of("Content-Type", "application/octet-stream", "Content-Range", "2000-2999"));
    assertThat(skipped.statusCode()).isEqualTo(416);
    assertThat(skipped.headers().firstValue("Range")).hasValue("0-999");

    HttpResponse<byte[]> status = oci.send("GET", location, null, Map.of());
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-999");

    HttpResponse<byte[]> second = oci.send("PATCH", location, Arrays.copyOfRange(blob, 1000, 2000),
        Map.of("Content-Type", "application/octet-stream", "Content-Range", "1000-1999"));
    assertThat(second.statusCode()).isEqualTo(202);

    // OCI-013: the last chunk travels with the closing PUT
    String digest = sha256(blob);
    HttpResponse<byte[]> close = oci.send("PUT", withDigest(location, digest), Arrays.copyOfRange(blob, 2000, 3000),
        Map.of("Content-Type", "application/octet-stream", "Content-Range", "2000-2999"));
    assertThat(close.statusCode()).as(text(close)).isEqualTo(201);
    assertThat(close.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);
    // the session is over
    assertThat(oci.send("GET", location, null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void oci012_streamedPatchesWithoutContentRangeAndChunkedEncoding() throws Exception {
    String repo = repo("stream/r");
    byte[] blob = bytes("streamed", 70_000);
    String location = oci.startUpload(repo);
    // skopeo: Content-Length, no Content-Range
    HttpResponse<byte[]> skopeo = oci.send("PATCH", location, Arrays.copyOfRange(blob, 0, 30_000),
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(skopeo.statusCode()).isEqualTo(202);
    assertThat(skopeo.headers().firstValue("Range")).hasValue("0-29999");
    // crane: Transfer-Encoding: chunked, neither Content-Length nor Content-Range
    HttpResponse<String> crane = server.sendChunked("PATCH", pathOf(skopeo.headers().firstValue("Location").orElseThrow()),
        Arrays.copyOfRange(blob, 30_000, 70_000), Map.of("Content-Type", "application/octet-stream"));
    assertThat(crane.statusCode()).isEqualTo(202);
    assertThat(crane.headers().firstValue("Range")).hasValue("0-69999");
    String digest = sha256(blob);
    HttpResponse<byte[]> close = oci.send("PUT", withDigest(location, digest), null, Map.of());
    assertThat(close.statusCode()).as(text(close)).isEqualTo(201);
    assertThat(oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);
  }

  @Test
  void oci015_cancelledUploadIsGone() throws Exception {
    String repo = repo("cancel/r");
    String location = oci.startUpload(repo);
    oci.send("PATCH", location, bytes("cancel", 100), Map.of("Content-Type", "application/octet-stream"));
    assertThat(oci.send("DELETE", location, null, Map.of()).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> status = oci.send("GET", location, null, Map.of());
    assertThat(status.statusCode()).isEqualTo(404);
    assertThat(errorCode(status)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    assertThat(oci.send("DELETE", location, null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void oci016_mountWithAndWithoutFromAndFallbackToASession() throws Exception {
    String source = repo("mount/src");
    byte[] blob = bytes("mount", 500);
    String digest = oci.pushBlob(source, blob);

    String target = repo("mount/dst");
    HttpResponse<byte[]> mounted = oci.send("POST", "/v2/" + target + "/blobs/uploads/?mount="
        + digest.replace(":", "%3A") + "&from=" + source, null, Map.of());
    assertThat(mounted.statusCode()).as(text(mounted)).isEqualTo(201);
    assertThat(mounted.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(oci.send("GET", "/v2/" + target + "/blobs/" + digest, null, Map.of()).body()).isEqualTo(blob);

    String anonymous = repo("mount/anon");
    assertThat(oci.send("POST", "/v2/" + anonymous + "/blobs/uploads/?mount=" + digest, null, Map.of()).statusCode())
        .isEqualTo(201);

    // the source does not hold it: an ordinary upload session instead
    String unknown = sha256(bytes("never pushed", 10));
    HttpResponse<byte[]> fallback = oci.send("POST", "/v2/" + repo("mount/x") + "/blobs/uploads/?mount=" + unknown
        + "&from=" + source, null, Map.of());
    assertThat(fallback.statusCode()).isEqualTo(202);
    assertThat(fallback.headers().firstValue("Location")).isPresent();
  }

  @Test
  void oci017_oci034_sha512DigestsAreVerified() throws Exception {
    String repo = repo("sha512/r");
    byte[] blob = bytes("sha512", 777);
    String digest = sha512(blob);
    HttpResponse<byte[]> r = oci.send("PUT", withDigest(oci.startUpload(repo), digest), blob,
        Map.of("Content-Type", "application/octet-stream"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    HttpResponse<byte[]> get = oci.send("GET", "/v2/" + repo + "/blobs/" + digest, null, Map.of());
    assertThat(get.body()).isEqualTo(blob);
    assertThat(oci.send("POST", "/v2/" + repo + "/blobs/uploads/?digest-algorithm=sha512", null, Map.of())
        .statusCode()).isEqualTo(202);
  }

  @Test
  void oci003_oci004_oci018_manifestByTagAndDigestIsTheExactBytes() throws Exception {
    String repo = repo("man/r");
    byte[] manifest = oci.imageManifest(repo, "exact");
    // odd but valid spacing: the bytes must come back exactly, not re-serialised
    byte[] spaced = new String(manifest, StandardCharsets.UTF_8).replace(",\"layers\"", " ,\n \"layers\"")
        .getBytes(StandardCharsets.UTF_8);
    String digest = sha256(spaced);
    HttpResponse<byte[]> put = oci.putManifest(repo, "v1", spaced, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(pathOf(put.headers().firstValue("Location").orElseThrow())).isEqualTo("/v2/" + repo + "/manifests/" + digest);

    for (String ref : new String[] {"v1", digest}) {
      HttpResponse<byte[]> get = oci.send("GET", "/v2/" + repo + "/manifests/" + ref, null, Map.of("Accept", OCI_MANIFEST));
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo(spaced);
      assertThat(get.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);
      assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
      // issue 16: by digest the manifest never changes (cache it for long); by tag it can move (revalidate)
      assertThat(get.headers().firstValue("Cache-Control"))
          .hasValue(ref.equals(digest) ? "public, max-age=31536000, immutable" : "no-cache");
      HttpResponse<byte[]> head = oci.send("HEAD", "/v2/" + repo + "/manifests/" + ref, null, Map.of());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(spaced.length));
      assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    }
    // pushed by digest too
    assertThat(oci.putManifest(repo, digest, spaced, OCI_MANIFEST).statusCode()).isEqualTo(201);
  }

  @Test
  void oci003_severalAcceptHeaderLinesAreAllRead() throws Exception {
    String repo = repo("accept/r");
    byte[] manifest = oci.imageManifest(repo, "accept");
    assertThat(oci.putManifest(repo, "latest", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/v2/" + repo + "/manifests/latest"))
        .header("Accept", DOCKER_MANIFEST).header("Accept", DOCKER_LIST).header("Accept", OCI_INDEX)
        .header("Accept", OCI_MANIFEST).GET().build();
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(manifest);
  }

  @Test
  void oci018_dockerSchema2AndManifestListAndOciIndex() throws Exception {
    String repo = repo("docker/r");
    byte[] config = "{\"docker\":true}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = bytes("docker", 123);
    String c = oci.pushBlob(repo, config);
    String l = oci.pushBlob(repo, layer);
    byte[] docker = manifest(DOCKER_MANIFEST, descriptor("application/vnd.docker.container.image.v1+json", c, config.length),
        descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", l, layer.length), null, null);
    HttpResponse<byte[]> put = oci.putManifest(repo, "amd64", docker, DOCKER_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    String child = sha256(docker);

    byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_LIST + "\",\"manifests\":["
        + descriptor(DOCKER_MANIFEST, child, docker.length).replace("}", ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}")
        + "]}").getBytes(StandardCharsets.UTF_8);
    assertThat(oci.putManifest(repo, "multi", list, DOCKER_LIST).statusCode()).isEqualTo(201);
    HttpResponse<byte[]> get = oci.send("GET", "/v2/" + repo + "/manifests/multi", null, Map.of("Accept", DOCKER_LIST));
    assertThat(get.headers().firstValue("Content-Type")).hasValue(DOCKER_LIST);
    assertThat(get.body()).isEqualTo(list);

    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
        + descriptor(DOCKER_MANIFEST, child, docker.length) + "]}").getBytes(StandardCharsets.UTF_8);
    assertThat(oci.putManifest(repo, "index", index, OCI_INDEX).statusCode()).isEqualTo(201);
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/index", null, Map.of()).headers()
        .firstValue("Content-Type")).hasValue(OCI_INDEX);
  }

  @Test
  void oci019_oci023_subjectAndReferrersWithArtifactTypeFilter() throws Exception {
    String repo = repo("ref/r");
    byte[] image = oci.imageManifest(repo, "subject");
    assertThat(oci.putManifest(repo, "img", image, OCI_MANIFEST).statusCode()).isEqualTo(201);
    String subjectDigest = sha256(image);
    String subject = descriptor(OCI_MANIFEST, subjectDigest, image.length);

    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    String emptyDigest = oci.pushBlob(repo, empty);
    String emptyConfig = descriptor("application/vnd.oci.empty.v1+json", emptyDigest, 2);
    byte[] sbomLayer = bytes("sbom", 50);
    byte[] sbom = manifest(OCI_MANIFEST, emptyConfig, descriptor("application/spdx+json", oci.pushBlob(repo, sbomLayer), 50),
        subject, "application/spdx+json");
    HttpResponse<byte[]> put = oci.putManifest(repo, sha256(sbom), sbom, OCI_MANIFEST);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subjectDigest);
    byte[] sigLayer = bytes("sig", 40);
    byte[] sig = manifest(OCI_MANIFEST, emptyConfig, descriptor("application/vnd.dev.sig", oci.pushBlob(repo, sigLayer), 40),
        subject, "application/vnd.dev.sig");
    assertThat(oci.putManifest(repo, sha256(sig), sig, OCI_MANIFEST).statusCode()).isEqualTo(201);

    HttpResponse<byte[]> all = oci.send("GET", "/v2/" + repo + "/referrers/" + subjectDigest, null, Map.of());
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
    JsonNode index = XregServer.JSON.readTree(all.body());
    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").findValuesAsText("artifactType"))
        .containsExactlyInAnyOrder("application/spdx+json", "application/vnd.dev.sig");
    assertThat(index.path("manifests").path(0).path("annotations").path("it").asText()).isEqualTo("yes");

    HttpResponse<byte[]> filtered = oci.send("GET", "/v2/" + repo + "/referrers/" + subjectDigest
        + "?artifactType=application/spdx%2Bjson", null, Map.of());
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    JsonNode one = XregServer.JSON.readTree(filtered.body()).path("manifests");
    assertThat(one).hasSize(1);
    assertThat(one.path(0).path("digest").asText()).isEqualTo(sha256(sbom));

    // never a 404: an unknown subject has an empty list
    HttpResponse<byte[]> none = oci.send("GET", "/v2/" + repo + "/referrers/" + sha256(empty), null, Map.of());
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(XregServer.JSON.readTree(none.body()).path("manifests")).isEmpty();
  }

  @Test
  void oci021_oci022_tagsListPagesWithNAndExclusiveLast() throws Exception {
    String repo = repo("tags/r");
    byte[] manifest = oci.imageManifest(repo, "tags");
    for (String tag : new String[] {"b", "a", "C", "c", "latest"}) {
      assertThat(oci.putManifest(repo, tag, manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);
    }
    JsonNode all = XregServer.JSON.readTree(oci.send("GET", "/v2/" + repo + "/tags/list", null, Map.of()).body());
    assertThat(all.path("name").asText()).isEqualTo(repo);
    assertThat(all.path("tags").toString()).isEqualTo("[\"C\",\"a\",\"b\",\"c\",\"latest\"]");

    HttpResponse<byte[]> page = oci.send("GET", "/v2/" + repo + "/tags/list?n=2", null, Map.of());
    assertThat(XregServer.JSON.readTree(page.body()).path("tags").toString()).isEqualTo("[\"C\",\"a\"]");
    String link = page.headers().firstValue("Link").orElseThrow();
    assertThat(link).contains("rel=\"next\"").contains("last=a");
    String next = pathOf(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
    assertThat(XregServer.JSON.readTree(oci.send("GET", next, null, Map.of()).body()).path("tags").toString())
        .isEqualTo("[\"b\",\"c\"]");

    HttpResponse<byte[]> afterB = oci.send("GET", "/v2/" + repo + "/tags/list?last=b", null, Map.of());
    assertThat(XregServer.JSON.readTree(afterB.body()).path("tags").toString()).isEqualTo("[\"c\",\"latest\"]");

    HttpResponse<byte[]> zero = oci.send("GET", "/v2/" + repo + "/tags/list?n=0", null, Map.of());
    assertThat(XregServer.JSON.readTree(zero.body()).path("tags")).isEmpty();
    assertThat(zero.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void oci032_catalogListsRepositoriesInPages() throws Exception {
    String a = repo("cat/a");
    String b = repo("cat/b");
    oci.pushBlob(a, bytes("cat-a", 10));
    oci.pushBlob(b, bytes("cat-b", 10));
    JsonNode all = XregServer.JSON.readTree(oci.send("GET", "/v2/_catalog", null, Map.of()).body());
    assertThat(all.path("repositories").toString()).contains("\"" + a + "\"", "\"" + b + "\"");
    HttpResponse<byte[]> one = oci.send("GET", "/v2/_catalog?n=1&last=" + a, null, Map.of());
    JsonNode page = XregServer.JSON.readTree(one.body()).path("repositories");
    assertThat(page).hasSize(1);
    assertThat(page.path(0).asText()).isGreaterThan(a);
  }

  @Test
  void oci024_oci025_oci026_deletesOfTagsManifestsAndBlobs() throws Exception {
    String repo = repo("del/r");
    byte[] manifest = oci.imageManifest(repo, "delete");
    String digest = sha256(manifest);
    assertThat(oci.putManifest(repo, "keep", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);
    assertThat(oci.putManifest(repo, "drop", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);

    assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/drop", null, Map.of()).statusCode()).isEqualTo(202);
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/drop", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/" + digest, null, Map.of()).statusCode()).isEqualTo(200);

    assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/" + digest, null, Map.of()).statusCode()).isEqualTo(202);
    HttpResponse<byte[]> gone = oci.send("GET", "/v2/" + repo + "/manifests/keep", null, Map.of());
    assertThat(gone.statusCode()).as("every tag of a deleted manifest goes with it").isEqualTo(404);
    assertThat(errorCode(gone)).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/" + digest, null, Map.of()).statusCode()).isEqualTo(404);

    String blob = oci.pushBlob(repo, bytes("blob-delete", 64));
    assertThat(oci.send("DELETE", "/v2/" + repo + "/blobs/" + blob, null, Map.of()).statusCode()).isEqualTo(202);
    assertThat(oci.send("HEAD", "/v2/" + repo + "/blobs/" + blob, null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(oci.send("DELETE", "/v2/" + repo + "/blobs/" + blob, null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void oci002_singleSegmentAndDeepNamesWork() throws Exception {
    for (String repo : new String[] {server.uniquePath("single"), "deep/a/b/" + server.uniquePath("c")}) {
      byte[] manifest = oci.imageManifest(repo, repo);
      assertThat(oci.putManifest(repo, "v1", manifest, OCI_MANIFEST).statusCode()).isEqualTo(201);
      assertThat(oci.send("GET", "/v2/" + repo + "/manifests/v1", null, Map.of()).body()).isEqualTo(manifest);
    }
  }
}
