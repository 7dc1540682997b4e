package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.output.ProgressBar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg download DIR}: the registry as a tree of static files that any static web server
 * (nginx, a bucket, {@code python3 -m http.server}) serves as a read-only xRegistry. Every
 * URL the API answers becomes a directory holding {@code index.json}, so that the server's
 * "directory index" rule maps {@code /dirs/d1} to {@code dirs/d1/index.json}:
 *
 * <pre>
 * DIR/index.json                                the Registry
 * DIR/model/index.json, modelsource/, capabilities/, capabilitiesoffered/, export/
 * DIR/GROUPS/index.json                         the Group collection (all pages merged)
 * DIR/GROUPS/g/index.json                       a Group
 * DIR/GROUPS/g/RESOURCES/index.json             the Resource collection
 * DIR/GROUPS/g/RESOURCES/r/index.json           the Resource: its document when it has one, else its metadata
 * DIR/GROUPS/g/RESOURCES/r$details/index.json   its metadata, for Resources with documents
 * DIR/GROUPS/g/RESOURCES/r/meta/index.json      its meta
 * DIR/GROUPS/g/RESOURCES/r/versions/...         the same again for each Version
 * </pre>
 *
 * <p>With {@code --url}, URLs of the source server in the JSON are rewritten to where the tree
 * will be served. The capabilities are rewritten to what a static site can honour (no flags,
 * no pagination, nothing mutable) unless {@code --keep-capabilities}. Documents are written
 * byte for byte; a static server sends them with the content type of {@code index.json}.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = {"Write the registry as static files (DIR/<path>/index.json) that a static web server "
        + "serves as a read-only xRegistry.", "Shows a progress bar (entities, rate) on a terminal."})
public final class DownloadCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "Target directory (created if missing).")
  Path dir;

  @Option(names = {"-u", "--url"}, paramLabel = "BASE",
      description = "The URL the tree will be served at: rewrites the server's URLs in the JSON.")
  String url;

  @Option(names = "--index", paramLabel = "NAME", defaultValue = "index.json",
      description = "Directory index file name (default: index.json).")
  String index;

  @Option(names = "--keep-capabilities", description = "Write the server's capabilities as they are.")
  boolean keepCapabilities;

  private String sourceBase;
  private String targetBase;
  private ProgressBar progress;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliFailure.usage(dir + " is not a directory");
    }
    Files.createDirectories(dir);
    JsonNode registry = client().get("/").requireOk().json();
    // The server's own idea of its URL (it may differ from --server, e.g. behind a proxy).
    sourceBase = registry.path("self").asText(client().base().toString());
    targetBase = url == null ? null : url.endsWith("/") ? url : url + "/";
    JsonNode model = client().get("/model").requireOk().json();
    try (ProgressBar p = ProgressBar.ofItems(terminal(), "download")) {
      progress = p;
      writeJson("/", registry);
      for (String extra : new String[] {"model", "modelsource", "capabilitiesoffered", "export"}) {
        Reply r = client().get("/" + extra);
        if (r.ok()) {
          writeJson("/" + extra, r.json());
        }
      }
      JsonNode caps = client().get("/capabilities").requireOk().json();
      writeJson("/capabilities", keepCapabilities ? caps : staticCapabilities(caps));
      for (Iterator<Map.Entry<String, JsonNode>> g = model.path("groups").fields(); g.hasNext(); ) {
        Map.Entry<String, JsonNode> groupType = g.next();
        downloadGroups(groupType.getKey(), groupType.getValue());
      }
      note("downloaded " + p.count() + " files to " + dir);
    }
    return ExitCode.OK;
  }

  private void downloadGroups(String plural, JsonNode groupModel) throws IOException {
    ObjectNode groups = collection("/" + plural);
    for (Iterator<String> ids = groups.fieldNames(); ids.hasNext(); ) {
      String gid = ids.next();
      String groupPath = "/" + plural + "/" + gid;
      writeJson(groupPath, groups.get(gid));
      for (Iterator<Map.Entry<String, JsonNode>> r = groupModel.path("resources").fields(); r.hasNext(); ) {
        Map.Entry<String, JsonNode> resourceType = r.next();
        boolean hasDocument = resourceType.getValue().path("hasdocument").asBoolean(true);
        downloadResources(groupPath + "/" + resourceType.getKey(), hasDocument);
      }
    }
  }

  private void downloadResources(String collectionPath, boolean hasDocument) throws IOException {
    ObjectNode resources = collection(collectionPath);
    for (Iterator<String> ids = resources.fieldNames(); ids.hasNext(); ) {
      String rid = ids.next();
      String path = collectionPath + "/" + rid;
      writeEntity(path, resources.get(rid), hasDocument);
      Reply meta = client().get(path + "/meta");
      if (meta.ok()) {
        writeJson(path + "/meta", meta.json());
      }
      ObjectNode versions = collection(path + "/versions");
      for (Iterator<String> vids = versions.fieldNames(); vids.hasNext(); ) {
        String vid = vids.next();
        writeEntity(path + "/versions/" + vid, versions.get(vid), hasDocument);
      }
    }
  }

  /** A Resource or Version: metadata at $details and the document at the plain path, or metadata only. */
  private void writeEntity(String path, JsonNode metadata, boolean hasDocument) throws IOException {
    if (!hasDocument) {
      writeJson(path, metadata);
      return;
    }
    writeJson(path + "$details", metadata);
    Reply doc = client().get(path);
    if (doc.ok() && doc.isDocument()) {
      write(path, doc.body());
    } else if (doc.ok()) {
      writeJson(path, doc.json());
    }
  }

  /** Writes the collection's merged pages and returns them. */
  private ObjectNode collection(String path) throws IOException {
    Reply first = client().get(path).requireOk();
    ObjectNode all = Pages.readAll(client(), first, n -> { });
    writeJson(path, all);
    return all;
  }

  private void writeJson(String path, JsonNode node) throws IOException {
    JsonNode out = targetBase == null ? node : rewrite(node.deepCopy());
    write(path, Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(out));
  }

  private void write(String path, byte[] bytes) throws IOException {
    Path d = path.equals("/") ? dir : dir.resolve(path.substring(1));
    if (!d.normalize().startsWith(dir.normalize())) {
      throw new CliFailure(ExitCode.SERVER_FAILURE, "refusing to write outside " + dir + ": " + path);
    }
    Files.createDirectories(d);
    Files.write(d.resolve(index), bytes);
    progress.add(1);
  }

  private JsonNode rewrite(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> e.setValue(rewrite(e.getValue())));
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, rewrite(a.get(i)));
      }
    } else if (n.isTextual() && n.asText().startsWith(sourceBase)) {
      return TextNode.valueOf(targetBase + n.asText().substring(sourceBase.length()));
    }
    return n;
  }

  /** What a static file server can honour: no query flags, no pages, no writes. */
  private static JsonNode staticCapabilities(JsonNode caps) {
    ObjectNode c = caps.deepCopy();
    c.putArray("flags");
    c.put("pagination", false);
    if (c.get("available") instanceof ObjectNode available) {
      available.fields().forEachRemaining(e -> {
        if (e.getValue() instanceof ObjectNode a) {
          a.put("mutable", false);
        }
      });
    }
    if (c.has("shortself")) {
      c.put("shortself", false);
    }
    return c;
  }
}
