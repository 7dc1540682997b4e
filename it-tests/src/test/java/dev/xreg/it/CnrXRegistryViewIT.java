package dev.xreg.it;

import static dev.xreg.it.CnrClient.PREFIX;
import static dev.xreg.it.CnrClient.composePackage;
import static dev.xreg.it.CnrClient.contentDigest;
import static dev.xreg.it.CnrClient.helmChart;
import static dev.xreg.it.OciClient.OCI_INDEX;
import static dev.xreg.it.OciClient.OCI_MANIFEST;
import static dev.xreg.it.OciClient.sha256;
import static dev.xreg.it.OciClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17, "xRegistry view": with the built-in model {@code cnr} every App Registry package
 * pushed through {@code /cnr} is the Resource {@code /namespaces/<ns>/packages/<pkg>}, each
 * release a Version whose document is the release's OCI index, the highest semver release the
 * default Version and the channels a map on meta; with {@code oci,cnr} both views share the Group
 * type {@code namespaces} and images never list packages (docs/cnr.md "xRegistry view").
 */
class CnrXRegistryViewIT {
  @RegisterExtension
  static final XregServer cnrOnly = XregServer.fresh().env("XREG_MODEL", "cnr");
  @RegisterExtension
  static final XregServer both = XregServer.fresh().env("XREG_MODEL", "oci,cnr");

  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?.*");

  private static String view(String pkg) {
    int slash = pkg.indexOf('/');
    return "/namespaces/" + pkg.substring(0, slash) + "/packages/" + pkg.substring(slash + 1);
  }

  /** The release's index as {@code /v2/} serves it: the bytes the Version's document must equal. */
  private static byte[] index(XregServer server, String pkg, String release) throws Exception {
    HttpResponse<byte[]> r = new OciClient(server).send("GET", "/v2/" + pkg + "/manifests/" + release, null,
        Map.of("Accept", OCI_INDEX));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return r.body();
  }

  @Test
  void releasesAreVersionsWhoseDocumentIsTheIndexAndTheHighestSemverIsTheDefault() throws Exception {
    for (XregServer server : List.of(cnrOnly, both)) {
      CnrClient cnr = new CnrClient(server);
      String pkg = server.uniquePath("rel") + "/web";
      byte[] v110 = helmChart("web", "1.10.0");
      byte[] v12 = helmChart("web", "1.2.0");
      byte[] rc = helmChart("web", "1.10.0-rc.1");
      byte[] compose = composePackage("web");
      // pushed so that neither push order ("newest") nor text order would pick 1.10.0
      cnr.pushOk(pkg, "1.10.0", "helm", v110);
      HttpResponse<String> withMeta = cnr.push(pkg, "1.2.0", "helm", Base64.getEncoder().encodeToString(v12),
          XregServer.JSON.readTree("{\"maintainer\":\"ops\",\"tags\":[\"web\"]}"), false);
      assertThat(withMeta.statusCode()).as(withMeta.body()).isEqualTo(200);
      cnr.pushOk(pkg, "1.2.0", "docker-compose", compose);
      cnr.pushOk(pkg, "1.10.0-rc.1", "helm", rc);

      // the document is the release's index, byte for byte, with its media type
      HttpResponse<byte[]> doc = server.sendBytes("GET", view(pkg) + "/versions/1.2.0", null, Map.of());
      assertThat(doc.statusCode()).as(text(doc)).isEqualTo(200);
      byte[] index12 = index(server, pkg, "1.2.0");
      assertThat(doc.body()).isEqualTo(index12);
      assertThat(doc.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);

      JsonNode details = server.json(view(pkg) + "/versions/1.2.0$details");
      assertThat(details.path("versionid").asText()).isEqualTo("1.2.0");
      assertThat(details.path("digest").asText()).isEqualTo(sha256(index12));
      assertThat(details.path("size").asLong()).isEqualTo(index12.length);
      assertThat(details.path("mediatype").asText()).isEqualTo(OCI_INDEX);
      assertThat(details.path("contenttype").asText()).isEqualTo(OCI_INDEX);
      JsonNode helm = details.path("mediatypes").path("helm");
      assertThat(helm.path("digest").asText()).isEqualTo(contentDigest(v12));
      assertThat(helm.path("size").asLong()).isEqualTo(v12.length);
      assertThat(helm.path("blobdigest").asText()).isEqualTo(sha256(v12));
      assertThat(helm.path("manifestdigest").asText()).startsWith("sha256:");
      assertThat(helm.path("metadata")).isEqualTo(XregServer.JSON.readTree("{\"maintainer\":\"ops\",\"tags\":[\"web\"]}"));
      JsonNode dc = details.path("mediatypes").path("docker-compose");
      assertThat(dc.path("digest").asText()).isEqualTo(contentDigest(compose));
      assertThat(dc.path("size").asLong()).isEqualTo(compose.length);
      assertThat(dc.has("metadata")).isFalse();

      // the highest semver release is the default, and the Resource shows its index
      assertThat(meta(server, pkg).path("defaultversionid").asText()).isEqualTo("1.10.0");
      HttpResponse<byte[]> resource = server.sendBytes("GET", view(pkg), null, Map.of());
      assertThat(resource.body()).isEqualTo(index(server, pkg, "1.10.0"));
      assertThat(server.json(view(pkg) + "/versions").size()).isEqualTo(3);

      // deleting the default release moves the default to the next highest (a pre-release of 1.10.0 > 1.2.0)
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.10.0/helm").statusCode()).isEqualTo(200);
      assertThat(server.get(view(pkg) + "/versions/1.10.0$details").statusCode()).isEqualTo(404);
      assertThat(meta(server, pkg).path("defaultversionid").asText()).isEqualTo("1.10.0-rc.1");

      // a release losing one of its media types is a new index: the Version follows it
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.2.0/docker-compose").statusCode()).isEqualTo(200);
      JsonNode after = server.json(view(pkg) + "/versions/1.2.0$details");
      assertThat(after.path("digest").asText()).isEqualTo(sha256(index(server, pkg, "1.2.0")))
          .isNotEqualTo(sha256(index12));
      assertThat(after.path("mediatypes").has("docker-compose")).isFalse();

      // the last release gone takes the package; its namespace stays
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.2.0/helm").statusCode()).isEqualTo(200);
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/1.10.0-rc.1/helm").statusCode()).isEqualTo(200);
      assertThat(server.get(view(pkg) + "$details").statusCode()).isEqualTo(404);
      assertThat(server.get("/namespaces/" + pkg.substring(0, pkg.indexOf('/'))).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void channelsAreAMapOnTheResourceMeta() throws Exception {
    for (XregServer server : List.of(cnrOnly, both)) {
      CnrClient cnr = new CnrClient(server);
      String pkg = server.uniquePath("chan") + "/app";
      cnr.pushOk(pkg, "1.0.0", "helm", helmChart("app", "1.0.0"));
      cnr.pushOk(pkg, "2.0.0", "helm", helmChart("app", "2.0.0"));
      assertThat(meta(server, pkg).has("channels")).isFalse();
      long versionEpoch = server.json(view(pkg) + "/versions/1.0.0$details").path("epoch").asLong();

      assertThat(cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0").statusCode()).isEqualTo(200);
      assertThat(cnr.send("POST", PREFIX + pkg + "/channels/beta/1.0.0").statusCode()).isEqualTo(200);
      assertThat(cnr.send("POST", PREFIX + pkg + "/channels/beta/2.0.0").statusCode()).isEqualTo(200);
      assertThat(meta(server, pkg).path("channels"))
          .isEqualTo(XregServer.JSON.readTree("{\"beta\":\"2.0.0\",\"stable\":\"1.0.0\"}"));
      // the same channels inline with the Resource
      assertThat(server.json(view(pkg) + "$details?inline=meta").path("meta").path("channels").path("stable")
          .asText()).isEqualTo("1.0.0");

      // removing beta's current release falls back to its highest left; deleting a channel removes it
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/channels/beta/2.0.0").statusCode()).isEqualTo(200);
      assertThat(meta(server, pkg).path("channels").path("beta").asText()).isEqualTo("1.0.0");
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/channels/stable").statusCode()).isEqualTo(200);
      assertThat(meta(server, pkg).path("channels"))
          .isEqualTo(XregServer.JSON.readTree("{\"beta\":\"1.0.0\"}"));
      assertThat(cnr.send("DELETE", PREFIX + pkg + "/channels/beta").statusCode()).isEqualTo(200);
      assertThat(meta(server, pkg).has("channels")).isFalse();
      // channel moves change meta, not the releases
      assertThat(server.json(view(pkg) + "/versions/1.0.0$details").path("epoch").asLong()).isEqualTo(versionEpoch);
    }
  }

  @Test
  void imagesNeverListPackagesAndANamespaceAppearsOnce() throws Exception {
    OciClient oci = new OciClient(both);
    CnrClient cnr = new CnrClient(both);
    String ns = both.uniquePath("mixed");
    byte[] image = oci.imageManifest(ns + "/img", "mixed-img");
    assertThat(oci.putManifest(ns + "/img", "v1", image, OCI_MANIFEST).statusCode()).isEqualTo(201);
    cnr.pushOk(ns + "/chart", "1.0.0", "helm", helmChart("chart", "1.0.0"));
    String onlyPackages = both.uniquePath("pkgonly");
    cnr.pushOk(onlyPackages + "/chart", "1.0.0", "helm", helmChart("chart", "1.0.0"));

    assertThat(names(both.json("/namespaces/" + ns + "/images"))).containsExactly("img");
    assertThat(names(both.json("/namespaces/" + ns + "/packages"))).containsExactly("chart");
    JsonNode namespace = both.json("/namespaces/" + ns);
    assertThat(namespace.path("imagescount").asLong()).isEqualTo(1);
    assertThat(namespace.path("packagescount").asLong()).isEqualTo(1);
    JsonNode namespaces = both.json("/namespaces");
    assertThat(names(namespaces)).contains(ns, onlyPackages).doesNotHaveDuplicates();
    assertThat(both.json("/namespaces/" + onlyPackages).path("imagescount").asLong()).isZero();

    // a tag pushed through /v2/ into a package's repository does not make it an image
    byte[] stray = oci.imageManifest(ns + "/chart", "mixed-stray");
    HttpResponse<byte[]> pushed = oci.putManifest(ns + "/chart", "stray", stray, OCI_MANIFEST);
    assertThat(pushed.statusCode()).as(text(pushed)).isEqualTo(201);
    assertThat(names(both.json("/namespaces/" + ns + "/images"))).containsExactly("img");

    // the model of both: one Group type with both Resource types
    JsonNode model = both.json("/model");
    assertThat(names(model.path("groups"))).containsOnlyOnce("namespaces");
    assertThat(names(model.path("groups").path("namespaces").path("resources")))
        .containsExactlyInAnyOrder("images", "packages");
    // with cnr alone there are no images
    assertThat(cnrOnly.get("/namespaces/" + ns + "/images").statusCode()).isEqualTo(404);
  }

  @Test
  void filtersAndPaginationWorkOnPackages() throws Exception {
    CnrClient cnr = new CnrClient(cnrOnly);
    String ns = cnrOnly.uniquePath("many");
    for (String name : List.of("alpha", "bravo", "charlie", "delta", "echo")) {
      cnr.pushOk(ns + "/" + name, "1.0.0", "helm", helmChart(name, "1.0.0"));
    }
    cnr.pushOk(ns + "/delta", "1.0.0", "docker-compose", composePackage("delta"));
    cnr.pushOk(ns + "/echo", "3.1.4", "helm", helmChart("echo", "3.1.4"));

    String packages = "/namespaces/" + ns + "/packages";
    assertThat(names(cnrOnly.json(packages + "?filter=" + enc("packageid=b*")))).containsExactly("bravo");
    // the Resource's attributes are its default Version's
    assertThat(names(cnrOnly.json(packages + "?filter=" + enc("versionid=3.1.4")))).containsExactly("echo");
    assertThat(names(cnrOnly.json(packages + "?filter=" + enc("mediatypes.docker-compose.size")))).containsExactly("delta");
    assertThat(names(cnrOnly.json(packages + "/echo/versions?filter=" + enc("versionid=1.0.0"))))
        .containsExactly("1.0.0");

    List<String> seen = new ArrayList<>();
    String url = packages + "?limit=2";
    int pages = 0;
    while (url != null && pages < 10) {
      HttpResponse<String> r = cnrOnly.get(url);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      List<String> page = names(XregServer.JSON.readTree(r.body()));
      assertThat(page.size()).isLessThanOrEqualTo(2);
      seen.addAll(page);
      url = next(r);
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
  }

  @Test
  void xregistryWritesMayChangeOnlyLabelsAndDescription() throws Exception {
    for (XregServer server : List.of(cnrOnly, both)) {
      CnrClient cnr = new CnrClient(server);
      String pkg = server.uniquePath("ro") + "/tool";
      String ns = pkg.substring(0, pkg.indexOf('/'));
      cnr.pushOk(pkg, "1.0.0", "helm", helmChart("tool", "1.0.0"));
      assertThat(cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0").statusCode()).isEqualTo(200);
      String version = view(pkg) + "/versions/1.0.0$details";
      long epoch = server.json(version).path("epoch").asLong();

      JsonNode patched = server.ok("PATCH", version, "{\"labels\":{\"team\":\"blue\"},\"description\":\"the tool\"}");
      assertThat(patched.path("labels").path("team").asText()).isEqualTo("blue");
      assertThat(patched.path("description").asText()).isEqualTo("the tool");
      assertThat(server.ok("PATCH", view(pkg) + "/meta", "{\"labels\":{\"owner\":\"ops\"}}").path("labels")
          .path("owner").asText()).isEqualTo("ops");

      readonly(server.send("PATCH", version, "{\"digest\":\"sha256:00\"}"));
      readonly(server.send("PATCH", version, "{\"mediatypes\":{}}"));
      readonly(server.send("PUT", view(pkg) + "/versions/9.9.9$details", "{}"));
      readonly(server.send("POST", view(pkg) + "/versions", "{\"9.9.9\":{}}"));
      readonly(server.send("DELETE", view(pkg) + "/versions/1.0.0", null));
      readonly(server.send("DELETE", view(pkg), null));
      readonly(server.send("DELETE", "/namespaces/" + ns, null));
      readonly(server.send("PUT", "/namespaces/" + ns + "/packages/made-up$details", "{}"));
      readonly(server.send("PATCH", view(pkg) + "/meta", "{\"channels\":{\"stable\":\"9.9.9\"}}"));
      readonly(server.send("PATCH", view(pkg) + "/meta", "{\"defaultversionid\":\"1.0.0\",\"defaultversionsticky\":false}"));

      // nothing of it changed: the release, its channel, the App Registry's own answer
      JsonNode after = server.json(version);
      assertThat(after.path("epoch").asLong()).isEqualTo(epoch + 1); // the label patch only
      assertThat(after.path("mediatypes").has("helm")).isTrue();
      assertThat(meta(server, pkg).path("channels").path("stable").asText()).isEqualTo("1.0.0");
      assertThat(cnr.get(PREFIX + pkg + "/1.0.0/helm").statusCode()).isEqualTo(200);

      // a forced re-push changes the release's content and keeps its labels
      byte[] again = CnrClient.tarGz(Map.of("tool/Chart.yaml",
          "apiVersion: v2\nname: tool\nversion: 1.0.0\ndescription: changed\n".getBytes(StandardCharsets.UTF_8)));
      HttpResponse<String> forced = cnr.push(pkg, "1.0.0", "helm", again, true);
      assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
      JsonNode moved = server.json(version);
      assertThat(moved.path("digest").asText()).isEqualTo(sha256(index(server, pkg, "1.0.0")))
          .isNotEqualTo(after.path("digest").asText());
      assertThat(moved.path("mediatypes").path("helm").path("digest").asText()).isEqualTo(contentDigest(again));
      assertThat(moved.path("labels").path("team").asText()).isEqualTo("blue");
    }
  }

  @Test
  void releasesDifferingOnlyByCaseAreRefusedWhileTheViewIsOn() throws Exception {
    CnrClient cnr = new CnrClient(cnrOnly);
    String pkg = cnrOnly.uniquePath("case") + "/app";
    cnr.pushOk(pkg, "1.0.0-rc1", "helm", helmChart("app", "1.0.0-rc1"));
    HttpResponse<String> r = cnr.push(pkg, "1.0.0-RC1", "helm", helmChart("app", "1.0.0-RC1"), false);
    CnrClient.assertError(r, 400, "invalid-usage");
    assertThat(r.body()).contains("differs only in case");
    // rolled back with the view: the App Registry does not have it either
    CnrClient.assertError(cnr.get(PREFIX + pkg + "/1.0.0-RC1/helm"), 404, "package-not-found");
    assertThat(names(cnrOnly.json(view(pkg) + "/versions"))).containsExactly("1.0.0-rc1");
  }

  @Test
  void settingTheModelFillsTheViewAndRemovingItRemovesIt() throws Exception {
    CnrClient cnr = new CnrClient(cnrOnly);
    String pkg = cnrOnly.uniquePath("fill") + "/app";
    cnr.pushOk(pkg, "1.0.0", "helm", helmChart("app", "1.0.0"));
    String source = cnrOnly.get("/modelsource").body();

    HttpResponse<String> off = cnrOnly.send("PUT", "/modelsource", "{}");
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(cnrOnly.get("/namespaces").statusCode()).isEqualTo(404);
    // written while the view is off
    cnr.pushOk(pkg, "1.1.0", "helm", helmChart("app", "1.1.0"));
    assertThat(cnr.send("POST", PREFIX + pkg + "/channels/stable/1.0.0").statusCode()).isEqualTo(200);

    HttpResponse<String> on = cnrOnly.send("PUT", "/modelsource", source);
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    assertThat(names(cnrOnly.json(view(pkg) + "/versions"))).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    assertThat(cnrOnly.sendBytes("GET", view(pkg) + "/versions/1.1.0", null, Map.of()).body())
        .isEqualTo(index(cnrOnly, pkg, "1.1.0"));
    assertThat(meta(cnrOnly, pkg).path("defaultversionid").asText()).isEqualTo("1.1.0");
    assertThat(meta(cnrOnly, pkg).path("channels").path("stable").asText()).isEqualTo("1.0.0");
  }

  @Test
  void settingBothModelsAtOnceFillsImagesAndPackagesApart() throws Exception {
    OciClient oci = new OciClient(both);
    CnrClient cnr = new CnrClient(both);
    String ns = both.uniquePath("refill");
    byte[] image = oci.imageManifest(ns + "/img", "refill-img");
    assertThat(oci.putManifest(ns + "/img", "v1", image, OCI_MANIFEST).statusCode()).isEqualTo(201);
    cnr.pushOk(ns + "/chart", "1.0.0", "helm", helmChart("chart", "1.0.0"));
    String source = both.get("/modelsource").body();

    HttpResponse<String> off = both.send("PUT", "/modelsource", "{}");
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(both.get("/namespaces").statusCode()).isEqualTo(404);
    cnr.pushOk(ns + "/chart", "2.0.0", "helm", helmChart("chart", "2.0.0"));

    // one model change adds both views: the OCI backfill skips the package's release tags
    HttpResponse<String> on = both.send("PUT", "/modelsource", source);
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    assertThat(names(both.json("/namespaces/" + ns + "/images"))).containsExactly("img");
    assertThat(names(both.json("/namespaces/" + ns + "/packages"))).containsExactly("chart");
    assertThat(names(both.json("/namespaces/" + ns + "/packages/chart/versions")))
        .containsExactlyInAnyOrder("1.0.0", "2.0.0");
    assertThat(both.sendBytes("GET", "/namespaces/" + ns + "/images/img/versions/v1", null, Map.of()).body())
        .isEqualTo(image);
    assertThat(meta(both, ns + "/chart").path("defaultversionid").asText()).isEqualTo("2.0.0");
  }

  private static JsonNode meta(XregServer server, String pkg) throws Exception {
    return server.json(view(pkg) + "/meta");
  }

  private static List<String> names(JsonNode map) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static String enc(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  private static String next(HttpResponse<String> r) {
    for (String h : r.headers().allValues("Link")) {
      for (String part : h.split(",(?=\\s*<)")) {
        Matcher m = NEXT.matcher(part.trim());
        if (m.matches()) {
          String url = m.group(1);
          return url.substring(url.indexOf("/namespaces"));
        }
      }
    }
    return null;
  }

  private static void readonly(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode p = XregServer.JSON.readTree(r.body());
    assertThat(p.path("type").asText()).endsWith("#readonly");
    assertThat(p.path("detail").asText()).contains("/cnr");
  }
}
