package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: OCI and App Registry changes are events too, from the change feed written in the
 * change's transaction (docs/events.md "OCI events", "App Registry events"): manifest and tag
 * pushed and deleted, blob deleted; release pushed and deleted, channel moved and deleted.
 */
class EventsOtherApisIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private final OciClient oci = new OciClient(server);
  private final CnrClient cnr = new CnrClient(server);

  @Test
  void ociPushesAndDeletesAreEvents() throws Exception {
    String repo = "events/" + server.uniquePath("img");
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      byte[] manifest = oci.imageManifest(repo, "e1");
      String digest = OciClient.sha256(manifest);
      var put = oci.send("PUT", "/v2/" + repo + "/manifests/v1", manifest,
          Map.of("Content-Type", OciClient.OCI_MANIFEST));
      assertThat(put.statusCode()).as(OciClient.text(put)).isEqualTo(201);
      List<SseStream.Event> pushed = stream.take(2, 20);
      assertThat(typesAndSubjects(pushed)).containsExactly(
          tuple("io.xreg.oci.manifest.pushed", repo + "@" + digest),
          tuple("io.xreg.oci.tag.pushed", repo + ":v1"));
      JsonNode data = pushed.get(0).data().path("data");
      assertThat(data.path("repository").asText()).isEqualTo(repo);
      assertThat(data.path("digest").asText()).isEqualTo(digest);
      assertThat(data.path("mediaType").asText()).isEqualTo(OciClient.OCI_MANIFEST);
      assertThat(data.path("size").asLong()).isEqualTo(manifest.length);
      assertThat(pushed.get(1).data().path("data").path("digest").asText()).isEqualTo(digest);
      assertThat(pushed).allMatch(e -> e.data().path("source").asText().equals(server.base() + "/")
          && e.data().path("datacontenttype").asText().equals("application/json"));
      assertThat(pushed.get(1).data().path("xregcorrelationid").asText())
          .isEqualTo(pushed.get(0).data().path("xregcorrelationid").asText());

      assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/v1", null, Map.of()).statusCode()).isEqualTo(202);
      assertThat(typesAndSubjects(stream.take(1, 20))).containsExactly(tuple("io.xreg.oci.tag.deleted", repo + ":v1"));

      var again = oci.send("PUT", "/v2/" + repo + "/manifests/v2", manifest,
          Map.of("Content-Type", OciClient.OCI_MANIFEST));
      assertThat(again.statusCode()).isEqualTo(201);
      stream.take(2, 20);
      assertThat(oci.send("DELETE", "/v2/" + repo + "/manifests/" + digest, null, Map.of()).statusCode())
          .isEqualTo(202);
      assertThat(typesAndSubjects(stream.take(2, 20))).as("the manifest and the tag that pointed at it")
          .containsExactly(tuple("io.xreg.oci.manifest.deleted", repo + "@" + digest),
              tuple("io.xreg.oci.tag.deleted", repo + ":v2"));

      String blob = oci.pushBlob(repo, OciClient.bytes("loose", 100));
      assertThat(oci.send("DELETE", "/v2/" + repo + "/blobs/" + blob, null, Map.of()).statusCode()).isEqualTo(202);
      List<SseStream.Event> deleted = stream.take(1, 20);
      assertThat(typesAndSubjects(deleted)).containsExactly(tuple("io.xreg.oci.blob.deleted", repo + "@" + blob));
      assertThat(oci.send("DELETE", "/v2/" + repo + "/blobs/" + blob, null, Map.of()).statusCode())
          .as("a failed delete").isEqualTo(404);
      assertThat(stream.drain(700)).as("a failed delete is no event").isEmpty();
    }
  }

  @Test
  void appRegistryReleasesAndChannelsAreEvents() throws Exception {
    String pkg = server.uniquePath("evns") + "/chart";
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      byte[] chart = CnrClient.helmChart("chart", "1.0.0");
      cnr.pushOk(pkg, "1.0.0", "helm", chart);
      List<SseStream.Event> pushed = stream.take(1, 20);
      assertThat(typesAndSubjects(pushed)).containsExactly(tuple("io.xreg.cnr.release.pushed", pkg + ":1.0.0"));
      JsonNode data = pushed.get(0).data().path("data");
      assertThat(data.path("package").asText()).isEqualTo(pkg);
      assertThat(data.path("release").asText()).isEqualTo("1.0.0");
      assertThat(data.path("mediatype").asText()).isEqualTo("helm");
      assertThat(data.path("digest").asText()).isEqualTo(CnrClient.contentDigest(chart));

      assertThat(cnr.send("POST", CnrClient.PREFIX + pkg + "/channels/stable/1.0.0").statusCode()).isEqualTo(200);
      List<SseStream.Event> moved = stream.take(1, 20);
      assertThat(typesAndSubjects(moved)).containsExactly(
          tuple("io.xreg.cnr.channel.moved", pkg + "/channels/stable"));
      assertThat(moved.get(0).data().path("data").path("added").asText()).isEqualTo("1.0.0");

      assertThat(cnr.send("DELETE", CnrClient.PREFIX + pkg + "/1.0.0/helm").statusCode()).isEqualTo(200);
      assertThat(typesAndSubjects(stream.take(1, 20))).containsExactly(
          tuple("io.xreg.cnr.release.deleted", pkg + ":1.0.0"));
      assertThat(stream.drain(700)).isEmpty();
    }
  }

  private static List<org.assertj.core.groups.Tuple> typesAndSubjects(List<SseStream.Event> events) {
    return events.stream().map(e -> tuple(e.data().path("type").asText(), e.data().path("subject").asText())).toList();
  }
}
