package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.XregCli;
import dev.xreg.cli.output.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 21: every command of the xreg command line against a real server (black box: the
 * CLI speaks only HTTP), outputs compared with golden files where they are stable, and
 * the exit codes 0/1/2/3. Each test writes under Group ids of its own.
 */
class CliCommandsIT {
  private static final String MODEL = """
      {"groups":{"dirs":{"singular":"dir","resources":{
        "files":{"singular":"file"},
        "notes":{"singular":"note","hasdocument":false}}}}}""";

  @RegisterExtension
  static final XregServer server = XregServer.fresh().withModel(MODEL);

  @TempDir
  Path tmp;

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

  @Test
  void createUpdateUpsertDelete_editsWholeAttributes_andExitCodesSayWhatHappened() throws Exception {
    JsonNode created = json(cli().run("create", "/dirs/life", "--set", "name=Life", "--set", "labels.env=prod"));
    assertThat(created.path("name").asText()).isEqualTo("Life");
    assertThat(created.path("labels").path("env").asText()).isEqualTo("prod");

    CliRun.Result again = cli().run("create", "/dirs/life");
    assertThat(again.exit()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("/dirs/life already exists");

    // A nested --set keeps the map's other keys (the CLI sends labels whole).
    JsonNode updated = json(cli().run("update", "dirs/life", "--set", "labels.team=a", "--set", "description=d"));
    assertThat(updated.path("labels").toString()).isEqualTo("{\"env\":\"prod\",\"team\":\"a\"}");
    JsonNode deleted = json(cli().run("update", "/dirs/life", "--del", "labels.env", "--del", "description"));
    assertThat(deleted.path("labels").toString()).isEqualTo("{\"team\":\"a\"}");
    assertThat(deleted.has("description")).isFalse();
    JsonNode replaced = json(cli().run("update", "/dirs/life", "--replace", "-d", "{\"name\":\"New\"}"));
    assertThat(replaced.path("name").asText()).isEqualTo("New");
    assertThat(replaced.has("labels")).isFalse();

    CliRun.Result missing = cli().run("update", "/dirs/nosuch", "--set", "name=x");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("not_found");
    assertThat(server.get("/dirs/nosuch").statusCode()).isEqualTo(404);

    Path yaml = Files.writeString(tmp.resolve("group.yaml"), "name: from yaml\nlabels:\n  a: b\n");
    JsonNode upserted = json(cli().run("upsert", "/dirs/life2", "-d", "@" + yaml));
    assertThat(upserted.path("name").asText()).isEqualTo("from yaml");
    JsonNode upsertedAgain = json(cli().run("upsert", "/dirs/life2", "--set", "description=second"));
    assertThat(upsertedAgain.path("name").asText()).isEqualTo("from yaml");
    assertThat(upsertedAgain.path("description").asText()).isEqualTo("second");

    CliRun.Result staleDelete = cli().run("delete", "/dirs/life2", "--epoch", "99");
    assertThat(staleDelete.exit()).isEqualTo(1);
    assertThat(staleDelete.err()).contains("mismatched_epoch", "detail:");
    long epoch = server.json("/dirs/life2").path("epoch").asLong();
    ok(cli().run("delete", "/dirs/life2", "--epoch", Long.toString(epoch)));
    assertThat(server.get("/dirs/life2").statusCode()).isEqualTo(404);
  }

  @Test
  void entityAsTable_matchesGolden() throws Exception {
    ok(cli().run("create", "/dirs/tabled", "--set", "name=Tabled", "--set", "labels.env=prod", "--set", "description=a dir"));
    Golden.assertMatches("get-entity-table.txt", ok(cli().run("get", "/dirs/tabled", "-o", "table")).out(), server);
    Golden.assertMatches("get-entity.yaml", ok(cli().run("get", "/dirs/tabled", "-o", "yaml")).out(), server);
  }

  @Test
  void documents_areWrittenAndReadAsTheyAre_metadataWithDetails() throws Exception {
    Path text = Files.writeString(tmp.resolve("readme.txt"), "hello\nworld\n");
    JsonNode meta = json(cli().run("create", "/dirs/docs/files/readme", "-d", "@" + text));
    assertThat(meta.path("contenttype").asText()).isEqualTo("text/plain");
    assertThat(ok(cli().run("get", "/dirs/docs/files/readme")).out()).isEqualTo("hello\nworld\n");

    Path schema = Files.writeString(tmp.resolve("s.json"), "{\"type\":\"object\"}");
    ok(cli().run("create", "/dirs/docs/files/schema", "-d", "@" + schema));
    assertThat(server.json("/dirs/docs/files/schema$details").path("contenttype").asText()).isEqualTo("application/json");

    // Attribute edits go to the metadata; the document stays.
    JsonNode described = json(cli().run("update", "/dirs/docs/files/readme", "--set", "description=the readme"));
    assertThat(described.path("description").asText()).isEqualTo("the readme");
    assertThat(ok(cli().run("get", "/dirs/docs/files/readme")).out()).isEqualTo("hello\nworld\n");
    assertThat(json(cli().run("get", "/dirs/docs/files/readme", "--details")).path("description").asText())
        .isEqualTo("the readme");

    // A new Version's document from stdin.
    ok(cli().stdin("version two").run("create", "/dirs/docs/files/readme/versions/2", "-d", "@-"));
    assertThat(ok(cli().run("get", "/dirs/docs/files/readme/versions/2")).out()).isEqualTo("version two");

    // A Resource type without documents takes metadata directly.
    JsonNode note = json(cli().run("create", "/dirs/docs/notes/n1", "-d", "{\"name\":\"a note\"}", "--details"));
    assertThat(note.path("name").asText()).isEqualTo("a note");
    assertThat(json(cli().run("get", "/dirs/docs/notes/n1")).path("name").asText()).isEqualTo("a note");
  }

  @Test
  void get_followsPages_andPassesInlineFilterSortDoc() throws Exception {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      ok(cli().run("create", "/dirs/paged/notes/" + id, "--details", "--set", "name=note " + id));
    }
    CliRun.Result all = ok(cli().run("get", "/dirs/paged/notes", "--limit", "2", "-o", "table"));
    Golden.assertMatches("get-paged-table.txt", all.out(), server);
    assertThat(all.out().lines().count()).isEqualTo(6);
    assertThat(ok(cli().run("get", "/dirs/paged/notes", "--limit", "2", "--first-page", "-o", "table")).out().lines().count())
        .isEqualTo(3);

    JsonNode inlined = json(cli().run("get", "/dirs/paged", "--inline", "notes"));
    assertThat(inlined.path("notes").size()).isEqualTo(5);
    JsonNode everything = json(cli().run("get", "--inline", "/dirs/paged"));
    assertThat(everything.path("notes").path("c").path("name").asText()).isEqualTo("note c");
    JsonNode filtered = json(cli().run("get", "/dirs/paged/notes", "--filter", "name=note c"));
    assertThat(filtered.fieldNames()).toIterable().containsExactly("c");
    JsonNode sorted = json(cli().run("get", "/dirs/paged/notes", "--sort", "name=desc"));
    assertThat(sorted.fieldNames()).toIterable().containsExactly("e", "d", "c", "b", "a");
    String doc = ok(cli().run("get", "/dirs/paged", "--doc", "--inline")).out();
    assertThat(doc).doesNotContain(server.base()).contains("\"self\" : \"#/\"");
  }

  @Test
  void model_groupAndResourceTypes_throughTheModelSource() throws Exception {
    ok(cli().run("model", "group", "create", "boxes:box", "crates"));
    ok(cli().run("model", "resource", "create", "-g", "boxes", "items:item", "--no-doc", "--max-versions", "3"));
    Golden.assertMatches("model-group-list.txt", ok(cli().run("model", "group", "list")).out(), server);
    Golden.assertMatches("model-resource-list.txt", ok(cli().run("model", "resource", "list", "-g", "boxes")).out(), server);
    Golden.assertMatches("model-get-table.txt", ok(cli().run("model", "get", "-o", "table")).out(), server);
    assertThat(json(cli().run("model", "group", "get", "crates")).path("singular").asText()).isEqualTo("crate");
    JsonNode items = json(cli().run("model", "resource", "get", "-g", "boxes", "items"));
    assertThat(items.path("hasdocument").asBoolean()).isFalse();
    assertThat(items.path("maxversions").asInt()).isEqualTo(3);
    assertThat(json(cli().run("model", "group", "list", "-o", "json")).has("boxes")).isTrue();

    CliRun.Result dup = cli().run("model", "group", "create", "boxes");
    assertThat(dup.exit()).isEqualTo(1);
    assertThat(dup.err()).contains("'boxes' already exists");
    assertThat(cli().run("model", "resource", "get", "-g", "boxes", "nothing").exit()).isEqualTo(1);

    ok(cli().run("model", "resource", "delete", "-g", "boxes", "items"));
    ok(cli().run("model", "group", "delete", "crates", "boxes"));
    assertThat(server.json("/modelsource").path("groups").has("boxes")).isFalse();
    assertThat(cli().run("model", "group", "delete", "boxes").exit()).isEqualTo(1);

    // model update takes YAML; model get --source shows what was written.
    Path yaml = Files.writeString(tmp.resolve("model.yaml"), """
        groups:
          dirs:
            singular: dir
            resources:
              files: {singular: file}
              notes: {singular: note, hasdocument: false}
          extras: {singular: extra}
        """);
    ok(cli().run("model", "update", "-d", "@" + yaml));
    assertThat(json(cli().run("model", "get", "--source")).path("groups").has("extras")).isTrue();
    assertThat(json(cli().run("model", "get")).path("groups").path("extras").path("attributes").has("extraid")).isTrue();
    ok(cli().run("model", "group", "delete", "extras"));

    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"groups\":{\"x\":{}}}");
    CliRun.Result refused = cli().run("model", "update", "-d", "@" + bad);
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).contains("model_error");
  }

  @Test
  void modelNormalize_resolvesIncludesOfFiles_keepsServerOnes_refusesCycles() throws Exception {
    Files.writeString(tmp.resolve("attrs.yaml"), "size: {type: integer}\n");
    Files.writeString(tmp.resolve("groups.json"), """
        {"groups":{"dirs":{"singular":"dir","resources":{"files":{"singular":"file",
          "attributes":{"$include":"attrs.yaml","owner":{"type":"string"}}}}}}}""");
    Path model = Files.writeString(tmp.resolve("model.json"), """
        {"attributes":{"tier":{"type":"string"}},
         "groups":{"$includes":["groups.json#/groups","xreg:/models/schema/model.json#/groups"]}}""");
    CliRun.Result r = ok(CliRun.withHome(tmp).run("model", "normalize", "-d", "@" + model));
    Golden.assertMatches("model-normalize.json", r.out(), server);
    assertThat(r.err()).contains("kept $include xreg:/models/schema/model.json");

    Files.writeString(tmp.resolve("loop.json"), "{\"a\":{\"$include\":\"loop.json\"}}");
    CliRun.Result loop = CliRun.withHome(tmp).run("model", "normalize", "-d", "@" + tmp.resolve("loop.json"));
    assertThat(loop.exit()).isEqualTo(2);
    assertThat(loop.err()).contains("$include cycle");
  }

  @Test
  void exportThenImport_restoresDeletedEntities_jsonAndYaml() throws Exception {
    ok(cli().run("create", "/dirs/exp/files/f", "-d", "exported document"));
    Path file = tmp.resolve("export.json");
    CliRun.Result exported = ok(cli().run("export", "-f", file.toString()));
    assertThat(exported.err()).contains("exported /export to " + file);
    assertThat(XregServer.JSON.readTree(file.toFile()).path("dirs").has("exp")).isTrue();
    assertThat(ok(cli().run("export", "-o", "yaml")).out()).startsWith("specversion:").contains("\n  exp:\n");
    assertThat(json(cli().run("export", "/dirs/exp")).path("files").has("f")).isTrue();

    ok(cli().run("delete", "/dirs/exp"));
    CliRun.Result imported = ok(cli().run("import", "-f", file.toString()));
    assertThat(imported.err()).contains("with PUT /?ignore=epoch");
    assertThat(ok(cli().run("get", "/dirs/exp/files/f")).out()).isEqualTo("exported document");

    // A groups-only document, YAML on stdin, is POSTed (merged), as xr does.
    ok(cli().stdin("dirs:\n  imp:\n    name: imported\n").run("import"));
    assertThat(server.json("/dirs/imp").path("name").asText()).isEqualTo("imported");
    // Into a Group: each collection to its own POST.
    ok(cli().stdin("{\"notes\":{\"n1\":{\"name\":\"n\"},\"n2\":{}}}").run("import", "/dirs/imp"));
    assertThat(server.json("/dirs/imp/notes").size()).isEqualTo(2);

    CliRun.Result broken = cli().stdin("{\"dirs\": ").run("import");
    assertThat(broken.exit()).as(broken.toString()).isEqualTo(2);
    CliRun.Result exportIntoGroup = cli().run("import", "/dirs/imp", "-f", file.toString());
    assertThat(exportIntoGroup.exit()).isEqualTo(2);
  }

  @Test
  void capabilities_getAndUpdate() throws Exception {
    assertThat(json(cli().run("capabilities", "get")).path("flags").toString()).contains("\"inline\"");
    assertThat(json(cli().run("capabilities", "get", "--offered")).has("shortself")).isTrue();
    assertThat(json(cli().run("capabilities", "update", "--set", "shortself=true")).path("shortself").asBoolean()).isTrue();
    assertThat(json(cli().run("capabilities", "update", "--del", "shortself")).path("shortself").asBoolean()).isFalse();
    assertThat(cli().run("capabilities", "update").exit()).isEqualTo(2);
    CliRun.Result bad = cli().run("capabilities", "update", "--set", "pagination=\"sometimes\"");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
  }

  @Test
  void download_writesATreeThatAStaticServerServesAsARegistry() throws Exception {
    ok(cli().run("create", "/dirs/dl/files/f1", "-d", "static hello"));
    ok(cli().run("create", "/dirs/dl/notes/n1", "--details", "--set", "name=a note"));
    Path tree = tmp.resolve("site");
    Files.createDirectories(tree);
    try (StubServer site = StubServer.serving(tree)) {
      CliRun.Result r = ok(cli().run("download", tree.toString(), "--url", site.base()));
      assertThat(r.err()).containsPattern("downloaded \\d+ files to ");
      assertThat(Files.readString(tree.resolve("dirs/dl/files/f1/index.json"))).isEqualTo("static hello");
      assertThat(tree.resolve("dirs/dl/files/f1$details/index.json")).exists();
      assertThat(tree.resolve("dirs/dl/files/f1/versions/1/index.json")).exists();
      assertThat(tree.resolve("dirs/dl/files/f1/meta/index.json")).exists();
      assertThat(tree.resolve("export/index.json")).exists();

      // The CLI itself reads the static copy as a (read-only) registry.
      CliRun fromSite = CliRun.withHome(tmp).env("XREG_SERVER", site.base());
      assertThat(ok(fromSite.run("get", "/dirs/dl/files/f1")).out()).isEqualTo("static hello");
      JsonNode details = json(fromSite.run("get", "/dirs/dl/files/f1", "--details"));
      assertThat(details.path("self").asText()).isEqualTo(site.base() + "/dirs/dl/files/f1$details");
      assertThat(json(fromSite.run("get", "/dirs/dl/notes/n1")).path("name").asText()).isEqualTo("a note");
      assertThat(json(fromSite.run("get", "/dirs")).has("dl")).isTrue();
      JsonNode caps = json(fromSite.run("capabilities", "get"));
      assertThat(caps.path("flags").size()).isZero();
      assertThat(caps.path("pagination").asBoolean()).isFalse();
      assertThat(Files.readString(tree.resolve("index.json"))).doesNotContain(server.base());
    }
  }

  @Test
  void schemaCheck_dryRunsTheNewVersion_andStoresNothing() throws Exception {
    ok(cli().run("create", "/dirs/sch/files/s", "-d", "{\"type\":\"object\"}"));
    Path next = Files.writeString(tmp.resolve("next.json"), "{\"type\":\"object\",\"required\":[\"a\"]}");
    // xreg offers ?dryrun: the new Version is checked by the server and rolled back
    CliRun.Result r = cli().run("schema", "check", next.toString(), "--against", "/dirs/sch/files/s");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("compatible");
    assertThat(server.json("/dirs/sch/files/s$details").path("versionscount").asInt()).isEqualTo(1);

    assertThat(cli().run("schema", "check", next.toString(), "--against", "/dirs/sch").exit()).isEqualTo(2);
    assertThat(cli().run("schema", "check", "/no/such/file", "--against", "/dirs/sch/files/s").exit()).isEqualTo(2);
  }

  @Test
  void schemaCheck_needsTheServersDryRun_andSendsNothingWithoutIt() throws Exception {
    ok(cli().run("create", "/dirs/sch2/files/s", "-d", "{\"type\":\"object\"}"));
    Path next = Files.writeString(tmp.resolve("next2.json"), "{\"type\":\"object\"}");
    JsonNode caps = server.json("/capabilities");
    com.fasterxml.jackson.databind.node.ArrayNode without = XregServer.JSON.createArrayNode();
    caps.path("flags").forEach(f -> {
      if (!f.asText().equals("dryrun")) {
        without.add(f);
      }
    });
    assertThat(server.send("PATCH", "/capabilities", "{\"flags\":" + without + "}").statusCode()).isEqualTo(200);
    try {
      // a server that does not list "dryrun" would ignore the unknown flag and store the Version
      CliRun.Result r = cli().run("schema", "check", next.toString(), "--against", "/dirs/sch2/files/s");
      assertThat(r.exit()).as(r.toString()).isEqualTo(3);
      assertThat(r.err()).contains("does not offer the 'dryrun' flag", "nothing was sent");
      assertThat(server.json("/dirs/sch2/files/s$details").path("versionscount").asInt()).isEqualTo(1);
    } finally {
      assertThat(server.send("PATCH", "/capabilities", "{\"flags\":" + caps.path("flags") + "}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void oci_listsRepositoriesAndTags_acrossPages() throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String digest = "sha256:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(config));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest
        + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    assertThat(server.sendBytes("POST", "/v2/cli/app/blobs/uploads/?digest=" + digest, config,
        Map.of("Content-Type", "application/octet-stream")).statusCode()).isEqualTo(201);
    for (String tag : List.of("v1", "v2", "latest")) {
      assertThat(server.sendBytes("PUT", "/v2/cli/app/manifests/" + tag, manifest,
          Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json")).statusCode()).isEqualTo(201);
    }
    assertThat(ok(cli().run("oci", "ls")).out().lines()).contains("cli/app");
    assertThat(ok(cli().run("oci", "tags", "cli/app", "--limit", "1")).out()).isEqualTo("latest\nv1\nv2\n");
    assertThat(json(cli().run("oci", "tags", "cli/app", "-o", "json")).path("tags").size()).isEqualTo(3);
    CliRun.Result unknown = cli().run("oci", "tags", "cli/none");
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err()).contains("NAME_UNKNOWN");
  }

  @Test
  void errors_showTheProblemDocument_andMapToExitCodes() throws Exception {
    CliRun.Result notFound = cli().run("get", "/dirs/missing");
    assertThat(notFound.exit()).isEqualTo(1);
    Golden.assertMatches("error-not-found.txt", notFound.err(), server);
    assertThat(notFound.out()).isEmpty();

    CliRun.Result usage = cli().run("get", "--bogus");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Unknown option: '--bogus'", "Usage: xreg get");
    assertThat(cli().run("create", "/dirs/x", "-d", "@/no/such/file").exit()).isEqualTo(2);
    assertThat(cli().run("get", "/a/b/c/d/e/f/g").exit()).isEqualTo(2);
    assertThat(cli().run("create", "/dirs").exit()).isEqualTo(2);
    assertThat(cli().run("get", "-o", "xml").exit()).isEqualTo(2);

    CliRun.Result down = cli().run("get", "--server", "http://127.0.0.1:1");
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("cannot connect to http://127.0.0.1:1/");

    try (StubServer failing = StubServer.answering(500, "application/problem+json",
        "{\"type\":\"https://example.com/problems#storage\",\"title\":\"The store is down\",\"detail\":\"try later\"}")) {
      CliRun.Result r = cli().run("get", "/", "--server", failing.base());
      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err()).contains("HTTP 500 storage: The store is down", "detail:  try later",
          "type:    https://example.com/problems#storage");
    }
    try (StubServer html = StubServer.answering(200, "text/html", "<html>not a registry</html>")) {
      CliRun.Result r = cli().run("get", "/dirs", "--server", html.base());
      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err()).contains("not JSON");
    }
  }

  @Test
  void configFile_profilesAndCredentials_withPrecedence() throws Exception {
    try (StubServer stub = StubServer.answering(200, "application/json", "{\"registryid\":\"stub\"}")) {
      Path home = tmp.resolve("home");
      Path config = home.resolve(".config/xreg/config.yaml");
      Files.createDirectories(config.getParent());
      Files.writeString(config, "profile: real\nprofiles:\n"
          + "  real:\n    server: " + server.base() + "\n"
          + "  stub:\n    server: " + stub.base() + "\n    token: t0ken\n"
          + "  basic:\n    server: " + stub.base() + "\n    user: alice\n    password: pw\n");
      CliRun user = CliRun.withHome(home);
      assertThat(json(user.run("get", "/")).path("registryid").asText()).isEqualTo("xreg");
      assertThat(json(user.run("get", "/", "--profile", "stub")).path("registryid").asText()).isEqualTo("stub");
      assertThat(stub.authorizations).containsExactly("Bearer t0ken");
      ok(user.run("get", "/", "--profile", "basic"));
      assertThat(stub.authorizations.get(1)).isEqualTo("Basic YWxpY2U6cHc=");
      ok(CliRun.withHome(home).env("XREG_PROFILE", "stub").env("XREG_TOKEN", "fromenv").run("get", "/"));
      assertThat(stub.authorizations.get(2)).isEqualTo("Bearer fromenv");

      // XREG_SERVER beats the profile, --server beats XREG_SERVER.
      assertThat(json(CliRun.withHome(home).env("XREG_SERVER", stub.base()).run("get", "/"))
          .path("registryid").asText()).isEqualTo("stub");
      assertThat(json(CliRun.withHome(home).env("XREG_SERVER", stub.base()).run("get", "/", "--server", server.base()))
          .path("registryid").asText()).isEqualTo("xreg");

      Path other = Files.writeString(tmp.resolve("other.yaml"), "profiles:\n  x:\n    server: " + stub.base() + "\n");
      assertThat(json(CliRun.withHome(tmp).run("get", "/", "--config", other.toString(), "--profile", "x"))
          .path("registryid").asText()).isEqualTo("stub");

      CliRun.Result unknown = user.run("get", "/", "--profile", "nope");
      assertThat(unknown.exit()).isEqualTo(2);
      assertThat(unknown.err()).contains("profile 'nope' is not in", "(profiles: real, stub, basic)");
      assertThat(user.run("get", "/", "--config", tmp.resolve("absent.yaml").toString()).exit()).isEqualTo(2);
      assertThat(user.run("get", "/", "--server", "ftp://x").exit()).isEqualTo(2);
    }
  }

  @Test
  void everyCommandHasHelp_versionAndCompletion() throws Exception {
    List<List<String>> paths = new ArrayList<>();
    collect(XregCli.commandLine(new XregCli(new Terminal(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), false, false))),
        new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(25);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun.Result r = CliRun.withHome(tmp).run(args.toArray(String[]::new));
      assertThat(r.exit()).as("xreg %s --help", String.join(" ", path)).isZero();
      assertThat(r.out()).as("xreg %s --help", String.join(" ", path))
          .startsWith(("Usage: xreg " + String.join(" ", path)).strip());
    }
    assertThat(ok(CliRun.withHome(tmp).run("--version")).out()).startsWith("xreg ");
    String completion = ok(CliRun.withHome(tmp).run("completion", "bash")).out();
    assertThat(completion).contains("complete -F", "download", "capabilities");
    assertThat(CliRun.withHome(tmp).run("completion", "fish").exit()).isEqualTo(2);
    assertThat(CliRun.withHome(tmp).run().exit()).isEqualTo(2);
    assertThat(CliRun.withHome(tmp).run("serve").exit()).isEqualTo(2);
  }

  private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
    out.add(prefix);
    cl.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().name().equals(name)) {
        List<String> p = new ArrayList<>(prefix);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }

  @Test
  void colourAndProgress_onlyOnATerminal() throws Exception {
    ok(cli().run("create", "/dirs/tty", "--set", "name=tty"));
    assertThat(ok(cli().tty().run("get", "/dirs", "-o", "table")).out()).startsWith("\u001b[1mID");
    assertThat(ok(cli().run("get", "/dirs", "-o", "table")).out()).startsWith("ID").doesNotContain("\u001b[");
    assertThat(ok(cli().tty().env("NO_COLOR", "1").run("get", "/dirs", "-o", "table")).out()).doesNotContain("\u001b[");

    Path file = tmp.resolve("e.json");
    CliRun.Result onTty = ok(cli().tty().run("export", "-f", file.toString()));
    assertThat(onTty.err()).containsPattern("\rexport [0-9.]+ (B|KiB|MiB) \\([0-9.]+ (B|KiB|MiB)/s\\)");
    CliRun.Result inPipe = ok(cli().run("export", "-f", file.toString()));
    assertThat(inPipe.err()).doesNotContain("\r").doesNotContain("/s)");
    assertThat(ok(cli().tty().run("download", tmp.resolve("d").toString())).err()).containsPattern("\rdownload \\d+ \\(");
    assertThat(ok(cli().tty().stdin("{\"dirs\":{\"tty2\":{}}}").run("import")).err()).contains("\rimport ");
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
