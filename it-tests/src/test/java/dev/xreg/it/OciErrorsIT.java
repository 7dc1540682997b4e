package dev.xreg.it;

import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.bytes;
import static dev.xreg.it.OciClient.descriptor;
import static dev.xreg.it.OciClient.errorCode;
import static dev.xreg.it.OciClient.manifest;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static dev.xreg.it.OciClient.withDigest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, OCI-027 and the error paths of the push rows: every refusal is the OCI error
 * envelope with the spec's code, and leaves nothing visible.
 */
class OciErrorsIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private final OciClient oci = new OciClient(server);

  private static void assertEnvelope(HttpResponse<byte[]> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode error = XregServer.JSON.readTree(r.body()).path("errors").path(0);
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotEmpty();
  }

  @Test
  void oci009_oci034_digestMismatchIs400AndStoresNothing() throws Exception {
    String repo = server.uniquePath("bad/digest");
    byte[] blob = bytes("mismatch", 100);
    String wrong = sha256(bytes("something else", 100));
    String location = oci.startUpload(repo);
    assertEnvelope(oci.send("PUT", withDigest(location, wrong), blob, Map.of("Content-Type", "application/octet-stream")),
        400, "DIGEST_INVALID");
    assertThat(oci.send("HEAD", "/v2/" + repo + "/blobs/" + wrong, null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(oci.send("HEAD", "/v2/" + repo + "/blobs/" + sha256(blob), null, Map.of()).statusCode()).isEqualTo(404);
    // the failed session is over: nothing of it can be resumed or committed
    assertEnvelope(oci.send("GET", location, null, Map.of()), 404, "BLOB_UPLOAD_UNKNOWN");
    // single POST too
    assertEnvelope(oci.send("POST", withDigest("/v2/" + repo + "/blobs/uploads/", wrong), blob,
        Map.of("Content-Type", "application/octet-stream")), 400, "DIGEST_INVALID");
  }

  @Test
  void oci034_malformedDigestsAndUnsupportedAlgorithms() throws Exception {
    String repo = server.uniquePath("bad/grammar");
    assertEnvelope(oci.send("PUT", withDigest(oci.startUpload(repo), "sha256:XYZ"), bytes("x", 3), Map.of()),
        400, "DIGEST_INVALID");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/blobs/sha256:abc", null, Map.of()), 400, "DIGEST_INVALID");
    assertEnvelope(oci.send("POST", "/v2/" + repo + "/blobs/uploads/?digest-algorithm=md5", null, Map.of()),
        400, "DIGEST_INVALID");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/referrers/not-a-digest:%21", null, Map.of()), 400, "DIGEST_INVALID");
  }

  @Test
  void oci009_closingWithoutDigestIsRefused() throws Exception {
    String location = oci.startUpload(server.uniquePath("bad/nodigest"));
    assertEnvelope(oci.send("PUT", location, bytes("x", 10), Map.of()), 400, "DIGEST_INVALID");
  }

  @Test
  void oci011_outOfOrderFirstChunkIs416() throws Exception {
    String location = oci.startUpload(server.uniquePath("bad/order"));
    HttpResponse<byte[]> r = oci.send("PATCH", location, bytes("late", 10),
        Map.of("Content-Type", "application/octet-stream", "Content-Range", "10-19"));
    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(errorCode(r)).isEqualTo("BLOB_UPLOAD_INVALID");
    assertThat(r.headers().firstValue("Range")).hasValue("0-0");
  }

  @Test
  void oci009_oci014_unknownUploadsAre404() throws Exception {
    String repo = server.uniquePath("bad/upload");
    String missing = "/v2/" + repo + "/blobs/uploads/3f2b8c1e-0000-4000-8000-000000000000";
    assertEnvelope(oci.send("GET", missing, null, Map.of()), 404, "BLOB_UPLOAD_UNKNOWN");
    assertEnvelope(oci.send("PATCH", missing, bytes("x", 5), Map.of("Content-Type", "application/octet-stream")),
        404, "BLOB_UPLOAD_UNKNOWN");
    assertEnvelope(oci.send("PUT", withDigest(missing, sha256(bytes("x", 5))), bytes("x", 5), Map.of()),
        404, "BLOB_UPLOAD_UNKNOWN");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/blobs/uploads/not-an-upload-id", null, Map.of()), 404, "BLOB_UPLOAD_UNKNOWN");
    // an upload of another repository is unknown here
    String other = oci.startUpload(server.uniquePath("bad/owner"));
    String id = other.substring(other.lastIndexOf('/') + 1);
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/blobs/uploads/" + id, null, Map.of()), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void oci002_invalidNamesAre400NameInvalidAsJson() throws Exception {
    for (String name : new String[] {"UPPER/case", "a/b_", "-lead", "x" + "y".repeat(300)}) {
      assertEnvelope(oci.send("GET", "/v2/" + name + "/tags/list", null, Map.of()), 400, "NAME_INVALID");
    }
    assertEnvelope(oci.send("POST", "/v2/Bad/blobs/uploads/", null, Map.of()), 400, "NAME_INVALID");
  }

  @Test
  void oci021_unknownRepositoryIsNameUnknown() throws Exception {
    assertEnvelope(oci.send("GET", "/v2/" + server.uniquePath("no/such") + "/tags/list", null, Map.of()),
        404, "NAME_UNKNOWN");
  }

  @Test
  void oci003_unknownManifestAndBlobAre404() throws Exception {
    String repo = server.uniquePath("bad/unknown");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/manifests/nope", null, Map.of()), 404, "MANIFEST_UNKNOWN");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/manifests/" + sha256(new byte[1]), null, Map.of()),
        404, "MANIFEST_UNKNOWN");
    assertEnvelope(oci.send("GET", "/v2/" + repo + "/blobs/" + sha256(new byte[1]), null, Map.of()), 404, "BLOB_UNKNOWN");
    assertThat(oci.send("HEAD", "/v2/" + repo + "/blobs/" + sha256(new byte[1]), null, Map.of()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void oci018_manifestReferencingMissingBlobsIsRefusedButAMissingSubjectIsNot() throws Exception {
    String repo = server.uniquePath("bad/refs");
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String c = oci.pushBlob(repo, config);
    String missingLayer = sha256(bytes("not pushed", 10));
    byte[] m = manifest(OCI_MANIFEST, descriptor(OciClient.CONFIG, c, 2), descriptor(OciClient.LAYER, missingLayer, 10),
        null, null);
    HttpResponse<byte[]> r = oci.putManifest(repo, "v1", m, OCI_MANIFEST);
    assertEnvelope(r, 400, "MANIFEST_BLOB_UNKNOWN");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(missingLayer);
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/v1", null, Map.of()).statusCode()).isEqualTo(404);

    String layer = oci.pushBlob(repo, bytes("pushed", 10));
    String absentSubject = descriptor(OCI_MANIFEST, sha256(bytes("no such manifest", 5)), 5);
    byte[] referrer = manifest(OCI_MANIFEST, descriptor(OciClient.CONFIG, c, 2), descriptor(OciClient.LAYER, layer, 10),
        absentSubject, "application/x-test");
    assertThat(oci.putManifest(repo, "ref", referrer, OCI_MANIFEST).statusCode()).isEqualTo(201);
  }

  @Test
  void oci018_invalidManifestsAndDigestMismatchesAre400() throws Exception {
    String repo = server.uniquePath("bad/manifest");
    byte[] image = oci.imageManifest(repo, "invalid");
    assertEnvelope(oci.putManifest(repo, "v1", "{not json".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST),
        400, "MANIFEST_INVALID");
    assertEnvelope(oci.putManifest(repo, "v1", image, "application/vnd.oci.image.index.v1+json"), 400, "MANIFEST_INVALID");
    assertEnvelope(oci.putManifest(repo, sha256(bytes("other", 3)), image, OCI_MANIFEST), 400, "DIGEST_INVALID");
    assertThat(oci.send("GET", "/v2/" + repo + "/manifests/" + sha256(image), null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void oci018_manifestOver4MiBIs413() throws Exception {
    String repo = server.uniquePath("bad/large");
    byte[] big = new byte[4 * 1024 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    assertEnvelope(oci.putManifest(repo, "big", big, OCI_MANIFEST), 413, "SIZE_INVALID");
    // the connection stays usable: the next request on it is answered
    assertThat(oci.send("GET", "/v2/", null, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void oci027_methodsNotDefinedAreUnsupported() throws Exception {
    assertEnvelope(oci.send("DELETE", "/v2/_catalog", null, Map.of()), 405, "UNSUPPORTED");
  }
}
