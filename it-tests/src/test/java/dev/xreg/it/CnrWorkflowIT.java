package dev.xreg.it;

import static dev.xreg.it.CnrClient.PREFIX;
import static dev.xreg.it.CnrClient.assertError;
import static dev.xreg.it.CnrClient.assertShape;
import static dev.xreg.it.CnrClient.contentDigest;
import static dev.xreg.it.CnrClient.helmChart;
import static dev.xreg.it.CnrClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17: the appr client's workflows (push, pull, show, list, list -s, channel
 * --add/--remove/--delete, delete-package, inspect) against the built server under {@code /cnr},
 * with the response shapes the checklist recorded from appr 0.7.4 (CNR-001..018, CNR-020). Each
 * test works in a namespace of its own.
 */
class CnrWorkflowIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  private final CnrClient cnr = new CnrClient(server);

  private String pkg(String name) {
    return server.uniquePath("ns") + "/" + name;
  }

  @Test
  void cnr001_versionIsTheApprApiVersion() throws Exception {
    HttpResponse<String> r = cnr.get("/cnr/version");
    assertThat(r.statusCode()).isEqualTo(200);
    assertShape(json(r), "{\"appr-api\":\"0.7.4\"}");
  }

  @Test
  void cnr002_rootPageCarriesTheApprDiscoveryMetaTag() throws Exception {
    HttpResponse<String> r = cnr.get("/cnr/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body()).contains("<meta name=\"appr-package\" content=\"127.0.0.1:" + server.port() + "/{name} "
        + server.base() + "/cnr/api/v1/packages/{name}/pull\">");
  }

  @Test
  void cnr020_wellKnownDocumentNamesThePrefix() throws Exception {
    HttpResponse<String> r = cnr.get("/.well-known/app-registry-uri.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertShape(json(r), "{\"version\":\"v1.0.0\",\"uri_prefix\":\"" + server.base() + "/cnr\"}");
  }

  @Test
  void cnr005_cnr006_cnr007_cnr008_pushThenShowAndInspect() throws Exception {
    String pkg = pkg("nginx");
    byte[] v1 = helmChart("nginx", "1.0.0");
    byte[] v11 = helmChart("nginx", "1.1.0");
    cnr.pushOk(pkg, "1.0.0", "helm", v1);
    HttpResponse<String> withMeta = cnr.push(pkg, "1.1.0", "helm", Base64.getEncoder().encodeToString(v11),
        XregServer.JSON.readTree("{\"maintainer\":\"ops\",\"tags\":[\"web\"]}"), false);
    assertThat(withMeta.statusCode()).as(withMeta.body()).isEqualTo(200);

    // CNR-006: every release manifest, highest release first
    HttpResponse<String> all = cnr.get(PREFIX + pkg);
    assertThat(all.statusCode()).isEqualTo(200);
    assertShape(json(all), "[" + manifest(pkg, "1.1.0", v11, "{\"maintainer\":\"ops\",\"tags\":[\"web\"]}") + ","
        + manifest(pkg, "1.0.0", v1, "null") + "]");

    // CNR-007: one release (appr show), also filtered by media type
    assertShape(json(cnr.get(PREFIX + pkg + "/1.0.0")), "[" + manifest(pkg, "1.0.0", v1, "null") + "]");
    assertShape(json(cnr.get(PREFIX + pkg + "/1.0.0?media_type=helm")), "[" + manifest(pkg, "1.0.0", v1, "null") + "]");
    assertError(cnr.get(PREFIX + pkg + "/1.0.0?media_type=kpm"), 404, "package-not-found");

    // CNR-008: appr inspect, by short name, full manifest type and '-'
    String one = manifest(pkg, "1.0.0", v1, "null").replaceFirst("\\}$", ",\"channels\":[]}");
    assertShape(json(cnr.get(PREFIX + pkg + "/1.0.0/helm")), one);
    assertShape(json(cnr.get(PREFIX + pkg + "/1.0.0/application%2Fvnd.appr.package-manifest.helm.v0.json")), one);
    assertShape(json(cnr.get(PREFIX + pkg + "/1.0.0/-")), one);
  }

  /** A release manifest as appr recorded it; the content digest is that of the uncompressed tar. */
  private static String manifest(String pkg, String release, byte[] tarGz, String metadata) {
    return "{\"package\":\"" + pkg + "\",\"release\":\"" + release + "\",\"created_at\":\"<any>\","
        + "\"mediaType\":\"application/vnd.appr.package-manifest.helm.v0.json\",\"metadata\":" + metadata + ","
        + "\"content\":{\"digest\":\"" + contentDigest(tarGz) + "\","
        + "\"mediaType\":\"application/vnd.appr.package.helm.v0.tar+gzip\",\"size\":" + tarGz.length + ",\"urls\":[]}}";
  }

  @Test
  void cnr008_defaultIsTheHighestReleaseAndRangesPickTheHighestInside() throws Exception {
    String pkg = pkg("ranges");
    for (String release : new String[] {"1.0.0", "1.2.0", "2.0.0-rc.1", "1.10.0"}) {
      cnr.pushOk(pkg, release, "helm", helmChart("ranges", release));
    }
    assertThat(json(cnr.get(PREFIX + pkg + "/default/helm")).path("release").asText()).isEqualTo("2.0.0-rc.1");
    // semver order, not text order: 1.10.0 > 1.2.0
    assertThat(json(cnr.get(PREFIX + pkg + "/%3E%3D1.0.0%2C%3C2.0.0/helm")).path("release").asText()).isEqualTo("1.10.0");
    assertThat(json(cnr.get(PREFIX + pkg + "/%3C1.5.0/-")).path("release").asText()).isEqualTo("1.2.0");
    assertThat(json(cnr.get(PREFIX + pkg + "/%5E1.0.0/helm")).path("release").asText()).isEqualTo("1.10.0");

    assertError(cnr.get(PREFIX + pkg + "/latest/helm"), 422, "invalid-release");
    assertError(cnr.get(PREFIX + pkg + "/%3E%3D3.0.0/helm"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/9.9.9/helm"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/1.0.0/kpm"), 404, "package-not-found");

    // '-' needs exactly one media type in the release
    cnr.pushOk(pkg, "1.0.0", "kpm", helmChart("ranges", "1.0.0"));
    assertError(cnr.get(PREFIX + pkg + "/1.0.0/-"), 400, "invalid-usage");
    assertThat(json(cnr.get(PREFIX + pkg + "/1.0.0/kpm")).path("mediaType").asText())
        .isEqualTo("application/vnd.appr.package-manifest.kpm.v0.json");
  }

  @Test
  void cnr010_cnr011_pullAsTarGzAndAsJson() throws Exception {
    String pkg = pkg("pull");
    byte[] chart = helmChart("pull", "1.1.0");
    cnr.pushOk(pkg, "1.1.0", "helm", chart);
    String fileName = pkg.replace('/', '_') + "_1.1.0.tar.gz";

    HttpResponse<byte[]> raw = cnr.getBytes(PREFIX + pkg + "/1.1.0/helm/pull");
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).isEqualTo(chart);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/x-gzip");
    assertThat(raw.headers().firstValue("Content-Disposition")).hasValue(fileName);
    assertThat(cnr.getBytes(PREFIX + pkg + "/default/-/pull").body()).isEqualTo(chart);

    String expected = "{\"package\":\"" + pkg + "\",\"release\":\"1.1.0\",\"media_type\":\"helm\",\"filename\":\""
        + fileName + "\",\"blob\":\"" + Base64.getEncoder().encodeToString(chart) + "\"}";
    assertShape(json(cnr.get(PREFIX + pkg + "/1.1.0/helm/pull?format=json")), expected);
    assertShape(json(cnr.get(PREFIX + pkg + "/1.1.0/helm/pull/json")), expected);
  }

  @Test
  void cnr012_cnr013_blobsAreAddressedByTheUncompressedTarDigest() throws Exception {
    String pkg = pkg("blobs");
    byte[] chart = helmChart("blobs", "1.0.0");
    cnr.pushOk(pkg, "1.0.0", "helm", chart);
    String hex = contentDigest(chart);
    String fileName = pkg.replace('/', '_') + "_" + hex.substring(0, 8) + ".tar.gz";

    HttpResponse<byte[]> raw = cnr.getBytes(PREFIX + pkg + "/blobs/sha256/" + hex);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).isEqualTo(chart);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/x-gzip");

    String expected = "{\"package\":\"" + pkg + "\",\"release\":\"" + hex + "\",\"filename\":\"" + fileName
        + "\",\"blob\":\"" + Base64.getEncoder().encodeToString(chart) + "\"}";
    assertShape(json(cnr.get(PREFIX + pkg + "/blobs/sha256/" + hex + "/json")), expected);
    assertShape(json(cnr.get(PREFIX + pkg + "/blobs/sha256/" + hex + "?format=json")), expected);

    // the tar.gz's own digest is not a CNR blob address
    String gzHex = OciClient.sha256(chart).substring(7);
    assertThat(cnr.get(PREFIX + pkg + "/blobs/sha256/" + gzHex).statusCode()).isEqualTo(404);
  }

  @Test
  void cnr003_cnr004_listFiltersAndSearch() throws Exception {
    String ns = server.uniquePath("list");
    String other = server.uniquePath("list");
    cnr.pushOk(ns + "/web", "1.0.0", "helm", helmChart("web", "1.0.0"));
    cnr.pushOk(ns + "/web", "1.1.0", "helm", helmChart("web", "1.1.0"));
    cnr.pushOk(ns + "/db", "0.1.0", "docker-compose", CnrClient.composePackage("db"));
    cnr.pushOk(other + "/webapp", "2.0.0", "helm", helmChart("webapp", "2.0.0"));

    // appr list: one namespace, names in order, releases highest first
    assertShape(json(cnr.get("/cnr/api/v1/packages?namespace=" + ns)), "["
        + "{\"name\":\"" + ns + "/db\",\"releases\":[\"0.1.0\"],\"default\":\"0.1.0\",\"manifests\":[\"docker-compose\"],"
        + "\"visibility\":\"public\",\"created_at\":\"<any>\"},"
        + "{\"name\":\"" + ns + "/web\",\"releases\":[\"1.1.0\",\"1.0.0\"],\"default\":\"1.1.0\",\"manifests\":[\"helm\"],"
        + "\"visibility\":\"public\",\"created_at\":\"<any>\"}]");
    assertThat(names(cnr.get("/cnr/api/v1/packages?namespace=" + ns + "&media_type=helm"))).containsExactly(ns + "/web");

    // appr list -s: substring of the name
    assertThat(names(cnr.get("/cnr/api/v1/packages?query=" + ns.substring(0, 4) + "&namespace=" + other)))
        .containsExactly(other + "/webapp");
    assertThat(names(cnr.get("/cnr/api/v1/packages?query=web"))).contains(ns + "/web", other + "/webapp")
        .doesNotContain(ns + "/db");
    assertThat(names(cnr.get("/cnr/api/v1/packages"))).contains(ns + "/web", ns + "/db", other + "/webapp");

    // CNR-004: names only
    JsonNode found = json(cnr.get("/cnr/api/v1/packages/search?q=" + ns + "/w"));
    assertShape(found, "[\"" + ns + "/web\"]");
  }

  private static List<String> names(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).forEach(p -> out.add(p.path("name").asText()));
    return out;
  }

  @Test
  void cnr005_aSecondPushOfTheSameReleaseConflictsUnlessForced() throws Exception {
    String pkg = pkg("force");
    byte[] first = helmChart("force", "1.0.0");
    byte[] second = helmChart("force", "1.0.0-changed");
    cnr.pushOk(pkg, "1.0.0", "helm", first);
    String before = cnr.get(PREFIX + pkg + "/1.0.0/helm").body();

    assertError(cnr.push(pkg, "1.0.0", "helm", second, false), 409, "package-exists");
    assertThat(cnr.get(PREFIX + pkg + "/1.0.0/helm").body()).isEqualTo(before);
    assertThat(cnr.getBytes(PREFIX + pkg + "/1.0.0/helm/pull").body()).isEqualTo(first);

    HttpResponse<String> forced = cnr.push(pkg, "1.0.0", "helm", second, true);
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(cnr.getBytes(PREFIX + pkg + "/1.0.0/helm/pull").body()).isEqualTo(second);
    assertThat(json(cnr.get(PREFIX + pkg)).size()).isEqualTo(1);
    // the replaced content is no longer a blob of the package
    assertThat(cnr.get(PREFIX + pkg + "/blobs/sha256/" + contentDigest(first)).statusCode()).isEqualTo(404);
  }

  @Test
  void cnr014_to_cnr018_channelAddRemoveAndDelete() throws Exception {
    String pkg = pkg("chan");
    cnr.pushOk(pkg, "1.0.0", "helm", helmChart("chan", "1.0.0"));
    cnr.pushOk(pkg, "1.1.0", "helm", helmChart("chan", "1.1.0"));
    String channels = PREFIX + pkg + "/channels";
    assertShape(json(cnr.get(channels)), "[]");

    // CNR-016: appr channel --add creates the channel; releases accumulate, current follows the last add
    HttpResponse<String> add = cnr.send("POST", channels + "/stable/1.1.0");
    assertThat(add.statusCode()).as(add.body()).isEqualTo(200);
    assertShape(json(add), "{\"current\":\"1.1.0\",\"name\":\"stable\",\"releases\":[\"1.1.0\"]}");
    assertShape(json(cnr.send("POST", channels + "/stable/1.0.0")),
        "{\"current\":\"1.0.0\",\"name\":\"stable\",\"releases\":[\"1.1.0\",\"1.0.0\"]}");
    cnr.send("POST", channels + "/beta/1.1.0");

    // CNR-014, CNR-015, and CNR-008's channels
    assertShape(json(cnr.get(channels)), "[{\"name\":\"beta\",\"current\":\"1.1.0\",\"releases\":[\"1.1.0\"]},"
        + "{\"name\":\"stable\",\"current\":\"1.0.0\",\"releases\":[\"1.1.0\",\"1.0.0\"]}]");
    assertShape(json(cnr.get(channels + "/stable")),
        "{\"name\":\"stable\",\"current\":\"1.0.0\",\"releases\":[\"1.1.0\",\"1.0.0\"]}");
    assertThat(json(cnr.get(PREFIX + pkg + "/1.0.0/helm")).path("channels").toString()).isEqualTo("[\"stable\"]");
    assertThat(json(cnr.get(PREFIX + pkg + "/1.1.0/helm")).path("channels").toString()).isEqualTo("[\"beta\"]");

    // CNR-017: removing the current release moves current to the highest left; the last removal deletes the channel
    assertShape(json(cnr.send("DELETE", channels + "/stable/1.0.0")),
        "{\"status\":\"deleted\",\"package\":\"" + pkg + "\",\"name\":\"stable\",\"release\":\"1.0.0\"}");
    assertShape(json(cnr.get(channels + "/stable")), "{\"name\":\"stable\",\"current\":\"1.1.0\",\"releases\":[\"1.1.0\"]}");
    cnr.send("DELETE", channels + "/stable/1.1.0");
    assertError(cnr.get(channels + "/stable"), 404, "channel-not-found");

    // CNR-018
    assertShape(json(cnr.send("DELETE", channels + "/beta")),
        "{\"channel\":\"beta\",\"package\":\"" + pkg + "\",\"action\":\"delete\"}");
    assertShape(json(cnr.get(channels)), "[]");

    assertError(cnr.send("POST", channels + "/stable/9.9.9"), 404, "package-release-not-found");
    assertError(cnr.send("DELETE", channels + "/nope"), 404, "channel-not-found");
    assertError(cnr.send("DELETE", channels + "/nope/1.0.0"), 404, "channel-not-found");
    assertShape(json(cnr.get(channels)), "[]");
  }

  @Test
  void cnr009_deletePackageRemovesReleasesChannelsAndAtLastThePackage() throws Exception {
    String pkg = pkg("del");
    cnr.pushOk(pkg, "1.0.0", "helm", helmChart("del", "1.0.0"));
    cnr.pushOk(pkg, "1.1.0", "helm", helmChart("del", "1.1.0"));
    cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0");
    cnr.send("POST", PREFIX + pkg + "/channels/stable/1.1.0");

    HttpResponse<String> deleted = cnr.send("DELETE", PREFIX + pkg + "/1.1.0/helm");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertShape(json(deleted), "{\"status\":\"deleted\",\"package\":\"" + pkg + "\",\"release\":\"1.1.0\"}");
    assertError(cnr.get(PREFIX + pkg + "/1.1.0/helm"), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/1.1.0/helm/pull"), 404, "package-not-found");
    // the channel lost the release and fell back to the one left
    assertShape(json(cnr.get(PREFIX + pkg + "/channels/stable")),
        "{\"name\":\"stable\",\"current\":\"1.0.0\",\"releases\":[\"1.0.0\"]}");
    assertThat(json(cnr.get(PREFIX + pkg + "/default/helm")).path("release").asText()).isEqualTo("1.0.0");

    assertError(cnr.send("DELETE", PREFIX + pkg + "/1.1.0/helm"), 404, "package-not-found");
    assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.0.0/helm").statusCode()).isEqualTo(200);
    assertError(cnr.get(PREFIX + pkg), 404, "package-not-found");
    assertError(cnr.get(PREFIX + pkg + "/channels"), 404, "package-not-found");
    assertThat(names(cnr.get("/cnr/api/v1/packages?namespace=" + pkg.substring(0, pkg.indexOf('/'))))).isEmpty();
    // the OCI repository went with it
    assertThat(server.get("/v2/" + pkg + "/tags/list").statusCode()).isEqualTo(404);
  }
}
