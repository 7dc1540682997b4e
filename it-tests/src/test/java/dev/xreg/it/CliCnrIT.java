package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: {@code xreg cnr}, the App Registry commands replacing the appr CLI, against the
 * real server's {@code /cnr} API (docs/cnr.md). What the CLI pushes is checked through the
 * API (and the reverse), so neither side can agree with itself by mistake. Each test uses a
 * namespace of its own.
 */
class CliCnrIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh();

  @TempDir
  Path tmp;

  private final CnrClient cnr = new CnrClient(server);

  private CliRun cli() {
    return CliRun.against(server);
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private static JsonNode json(CliRun.Result r) throws Exception {
    return XregServer.JSON.readTree(ok(r).out());
  }

  private Path chartDir(String name, String version) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src-" + version).resolve(name).resolve("templates"));
    Files.writeString(dir.getParent().resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n");
    Files.writeString(dir.resolve("cm.yaml"), "kind: ConfigMap\n");
    return dir.getParent();
  }

  @Test
  void pushFromDirectoryAndTgz_pullIsByteExact_andUnpacks() throws Exception {
    // From a directory: the CLI packs it; the server's pull gives back those bytes, whose tar
    // holds the chart under its own directory name.
    JsonNode pushed = json(cli().run("cnr", "push", chartDir("web", "1.0.0").toString(), "clia/web",
        "--release", "1.0.0", "--media-type", "helm"));
    assertThat(pushed.path("status").asText()).isEqualTo("ok");
    byte[] fromDir;
    try (java.io.InputStream in = server.getStream(CnrClient.PREFIX + "clia/web/1.0.0/helm/pull").body()) {
      fromDir = in.readAllBytes();
    }
    assertThat(new String(CnrClient.gunzip(fromDir), StandardCharsets.ISO_8859_1))
        .contains("web/Chart.yaml", "web/templates/cm.yaml", "name: web");
    Path pulledDir = tmp.resolve("pulled.tgz");
    ok(cli().run("cnr", "pull", "clia/web@1.0.0", "-f", pulledDir.toString()));
    assertThat(Files.readAllBytes(pulledDir)).isEqualTo(fromDir);

    // From a .tgz (written by the test's own tar writer): pulled back byte for byte.
    byte[] tgz = CnrClient.helmChart("web", "1.1.0");
    Path file = Files.write(tmp.resolve("web-1.1.0.tgz"), tgz);
    ok(cli().run("cnr", "push", file.toString(), "clia/web@1.1.0", "-t", "helm"));
    Path out = tmp.resolve("out.tgz");
    ok(cli().run("cnr", "pull", "clia/web", "-f", out.toString()));
    assertThat(Files.readAllBytes(out)).as("the default is the highest release").isEqualTo(tgz);
    CliRun.Result stdout = ok(cli().run("cnr", "pull", "clia/web@1.1.0", "--media-type", "helm", "-f", "-"));
    assertThat(stdout.out()).as("gzip's magic number on stdout").startsWith("\u001f");

    // --dir unpacks.
    Path unpacked = tmp.resolve("unpacked");
    ok(cli().run("cnr", "pull", "clia/web@1.0.0", "--dir", unpacked.toString()));
    assertThat(Files.readString(unpacked.resolve("web/Chart.yaml"))).contains("version: 1.0.0");
    assertThat(Files.readString(unpacked.resolve("web/templates/cm.yaml"))).isEqualTo("kind: ConfigMap\n");

    // A second push of the same release is refused (409 package-exists, exit 1); --force replaces it.
    CliRun.Result again = cli().run("cnr", "push", file.toString(), "clia/web@1.1.0", "-t", "helm");
    assertThat(again.exit()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("HTTP 409: package-exists: ");
    byte[] replacement = CnrClient.tarGz(Map.of("web/Chart.yaml",
        "apiVersion: v2\nname: web\nversion: 1.1.0\ndescription: replaced\n".getBytes(StandardCharsets.UTF_8)));
    ok(cli().run("cnr", "push", Files.write(tmp.resolve("r.tgz"), replacement).toString(), "clia/web@1.1.0", "-t", "helm",
        "--force"));
    ok(cli().run("cnr", "pull", "clia/web@1.1.0", "-f", out.toString()));
    assertThat(Files.readAllBytes(out)).isEqualTo(replacement);
  }

  @Test
  void showAndList_printManifestsAndPackages() throws Exception {
    cnr.pushOk("clib/web", "1.0.0", "helm", CnrClient.helmChart("web", "1.0.0"));
    cnr.pushOk("clib/web", "2.0.0", "helm", CnrClient.helmChart("web", "2.0.0"));
    cnr.pushOk("clib/db", "0.1.0", "docker-compose", CnrClient.composePackage("db"));

    JsonNode all = json(cli().run("cnr", "show", "clib/web"));
    assertThat(all.size()).isEqualTo(2);
    JsonNode one = json(cli().run("cnr", "show", "clib/web", "--release", "1.0.0"));
    assertThat(one.size()).isEqualTo(1);
    assertThat(one.path(0).path("release").asText()).isEqualTo("1.0.0");
    assertThat(one.path(0).path("content").path("digest").asText())
        .isEqualTo(CnrClient.contentDigest(CnrClient.helmChart("web", "1.0.0")));
    String table = ok(cli().run("cnr", "show", "clib/web@2.0.0", "-o", "table")).out();
    assertThat(table.lines().toList()).hasSize(2);
    assertThat(table).startsWith("RELEASE");
    String digest = one.path(0).path("content").path("digest").asText();
    assertThat(table.lines().toList().get(1)).matches("2\\.0\\.0 +helm +[0-9a-f]{12} +\\d+ +2\\d{3}-.*");
    assertThat(digest).hasSizeGreaterThan(12);

    List<String> rows = ok(cli().run("cnr", "list", "--namespace", "clib")).out().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("NAME").contains("DEFAULT", "RELEASES", "MEDIA TYPES");
    assertThat(rows.get(1)).matches("clib/db +0\\.1\\.0 +0\\.1\\.0 +docker-compose");
    assertThat(rows.get(2)).matches("clib/web +2\\.0\\.0 +2\\.0\\.0,1\\.0\\.0 +helm");

    JsonNode found = json(cli().run("cnr", "list", "--search", "we", "--namespace", "clib", "-o", "json"));
    assertThat(names(found)).containsExactly("clib/web");
    assertThat(ok(cli().run("cnr", "list", "-q", "we", "-n", "clib", "-o", "yaml")).out()).startsWith("- name: clib/web\n");
    assertThat(ok(cli().run("cnr", "list", "-q", "nothing-like-this")).out()).isEqualTo("(none)\n");
  }

  private static List<String> names(JsonNode packages) {
    List<String> names = new ArrayList<>();
    packages.forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  @Test
  void channels_addRemoveDelete_andPullFollowsAChannel() throws Exception {
    byte[] v1 = CnrClient.helmChart("app", "1.0.0");
    cnr.pushOk("clic/app", "1.0.0", "helm", v1);
    cnr.pushOk("clic/app", "1.1.0", "helm", CnrClient.helmChart("app", "1.1.0"));

    assertThat(json(cli().run("cnr", "channel", "add", "clic/app", "stable", "1.1.0")).path("current").asText())
        .isEqualTo("1.1.0");
    JsonNode added = json(cli().run("cnr", "channel", "add", "clic/app", "stable", "1.0.0"));
    assertThat(added.path("current").asText()).isEqualTo("1.0.0");
    assertThat(added.path("releases").size()).isEqualTo(2);

    Path out = tmp.resolve("stable.tgz");
    ok(cli().run("cnr", "pull", "clic/app:stable", "-f", out.toString()));
    assertThat(Files.readAllBytes(out)).as("the channel's current release").isEqualTo(v1);

    ok(cli().run("cnr", "channel", "remove", "clic/app", "stable", "1.0.0"));
    JsonNode stable = CnrClient.json(cnr.get(CnrClient.PREFIX + "clic/app/channels/stable"));
    assertThat(stable.path("current").asText()).isEqualTo("1.1.0");
    assertThat(json(cli().run("cnr", "channel", "list", "clic/app")).path(0).path("name").asText()).isEqualTo("stable");

    ok(cli().run("cnr", "channel", "delete", "clic/app", "stable"));
    assertThat(cnr.get(CnrClient.PREFIX + "clic/app/channels/stable").statusCode()).isEqualTo(404);
    CliRun.Result gone = cli().run("cnr", "pull", "clic/app:stable", "-f", out.toString());
    assertThat(gone.exit()).as(gone.toString()).isEqualTo(1);
    assertThat(gone.err()).contains("error: HTTP 404: channel-not-found: ");
  }

  @Test
  void delete_removesOneReleaseAndMediaType_andErrorsMapToExitCodes() throws Exception {
    cnr.pushOk("clid/gone", "1.0.0", "helm", CnrClient.helmChart("gone", "1.0.0"));
    cnr.pushOk("clid/gone", "2.0.0", "helm", CnrClient.helmChart("gone", "2.0.0"));

    JsonNode deleted = json(cli().run("cnr", "delete", "clid/gone", "--release", "1.0.0", "--media-type", "helm"));
    assertThat(deleted.path("status").asText()).isEqualTo("deleted");
    assertThat(cnr.get(CnrClient.PREFIX + "clid/gone/1.0.0/helm").statusCode()).isEqualTo(404);
    assertThat(cnr.get(CnrClient.PREFIX + "clid/gone/2.0.0/helm").statusCode()).isEqualTo(200);

    CliRun.Result missing = cli().run("cnr", "delete", "clid/gone@1.0.0", "-t", "helm");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(1);
    assertThat(missing.err()).contains("error: HTTP 404: package-not-found: ");

    CliRun.Result badRelease = cli().run("cnr", "show", "clid/gone@latest");
    assertThat(badRelease.exit()).as(badRelease.toString()).isEqualTo(1);
    assertThat(badRelease.err()).contains("HTTP 422: invalid-release: ");

    CliRun.Result notTarGz = cli().run("cnr", "push", Files.writeString(tmp.resolve("x.tgz"), "not gzip").toString(),
        "clid/gone@3.0.0", "-t", "helm");
    assertThat(notTarGz.exit()).as(notTarGz.toString()).isEqualTo(1);
    assertThat(notTarGz.err()).contains("HTTP 400: invalid-usage: ");

    // Usage errors are found before any request (exit 2).
    assertThat(cli().run("cnr", "delete", "clid/gone", "-t", "helm").exit()).isEqualTo(2);
    assertThat(cli().run("cnr", "pull", "no-namespace").exit()).isEqualTo(2);
    assertThat(cli().run("cnr", "push", tmp.resolve("missing.tgz").toString(), "clid/gone@3.0.0", "-t", "helm").exit())
        .isEqualTo(2);
  }
}
