package dev.xreg.cli.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.http.Xid;
import dev.xreg.cli.output.CountingInputStream;
import dev.xreg.cli.output.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg import [XID] [-f FILE]}: loads a document into the registry.
 *
 * <p>A whole-registry document (one with {@code specversion}, {@code modelsource} or
 * {@code capabilities} at the top, as {@code xreg export} writes) is restored with
 * {@code PUT /?ignore=epoch}, model and capabilities included. Any other document is a map
 * of collections POSTed to XID as xr does: {@code {"dirs": {...}}} to {@code /}, a map of
 * entities to a collection XID, and {@code {"files": {...}}} at a Group to its {@code files}
 * collection; existing entities are updated, others created.
 *
 * <p>JSON files are streamed to the server as they are (only their top-level keys are read
 * here), so an import of any size runs in a small heap; YAML is converted to JSON first.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Load a JSON or YAML document into the registry (an export restores the whole registry).",
        "Shows a progress bar (bytes sent, rate) on a terminal."})
public final class ImportCommand extends CliCommand {
  private static final Set<String> REGISTRY_KEYS = Set.of("specversion", "registryid", "modelsource", "capabilities");

  @Parameters(index = "0", arity = "0..1", paramLabel = "XID", description = "Where to import (default: /).")
  String xid;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "-",
      description = "The document, JSON or YAML (default: - for stdin).")
  String file;

  @Override
  public Integer call() throws IOException {
    Xid target = Xid.parse(xid);
    Path source = file.equals("-") ? spool(terminal().in()) : Path.of(file);
    try {
      if (!Files.isRegularFile(source)) {
        throw CliFailure.usage("cannot read " + source + ": no such file");
      }
      Path json = isYaml(source) ? yamlToJson(source) : source;
      boolean registryDocument = topLevelKeys(json);
      if (registryDocument && target.level() != Xid.Level.REGISTRY) {
        throw CliFailure.usage("a whole-registry document (it has specversion/modelsource/capabilities) imports only into /");
      }
      Reply reply;
      String method;
      String path;
      if (registryDocument || target.level() == Xid.Level.REGISTRY || target.level().collection()) {
        method = registryDocument ? "PUT" : "POST";
        path = registryDocument ? "/?ignore=epoch" : target.path();
        try (ProgressBar progress = ProgressBar.ofBytes(terminal(), "import")) {
          reply = client().sendStream(method, path, () -> open(json, progress), "application/json");
        }
        reply.requireOk();
      } else {
        // An entity takes its nested collections one POST each (POST on a Group or Resource
        // itself means something else, or nothing, to servers): {"files": {...}} at /dirs/d1
        // goes to POST /dirs/d1/files.
        method = "POST";
        path = target.path() + "/<collection>";
        JsonNode doc = Json.MAPPER.readTree(json.toFile());
        try (ProgressBar progress = ProgressBar.ofItems(terminal(), "import")) {
          for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
              throw CliFailure.usage("importing into " + target + " takes collections ({\"PLURAL\": {...}}), but '"
                  + e.getKey() + "' is not a map");
            }
            client().send("POST", target.path() + "/" + e.getKey(),
                e.getValue().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json").requireOk();
            progress.add(e.getValue().size());
          }
        }
      }
      note("imported " + (file.equals("-") ? "stdin" : file) + " (" + Files.size(json) + " bytes) with "
          + method + " " + path);
      if (json != source) {
        Files.deleteIfExists(json);
      }
      return ExitCode.OK;
    } finally {
      if (file.equals("-")) {
        Files.deleteIfExists(source);
      }
    }
  }

  private static InputStream open(Path p, ProgressBar progress) {
    try {
      return new CountingInputStream(Files.newInputStream(p), progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stdin to a temporary file: the body is sent once it is known what kind of document it is. */
  private static Path spool(InputStream in) throws IOException {
    Path tmp = Files.createTempFile("xreg-import-", ".in");
    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    return tmp;
  }

  private static boolean isYaml(Path p) throws IOException {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return true;
    }
    if (n.endsWith(".json")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(p)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
      return c != '{';
    }
  }

  private static Path yamlToJson(Path yaml) throws IOException {
    Path tmp = Files.createTempFile("xreg-import-", ".json");
    try {
      Json.MAPPER.writeValue(tmp.toFile(), Json.YAML.readTree(yaml.toFile()));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      Files.deleteIfExists(tmp);
      throw CliFailure.usage(yaml + " is not valid YAML: " + e.getOriginalMessage());
    }
    return tmp;
  }

  /** Reads only the top-level keys (children are skipped, not built). */
  private static boolean topLevelKeys(Path json) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw CliFailure.usage(json + " must hold a JSON object");
      }
      boolean registry = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        registry |= REGISTRY_KEYS.contains(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      return registry;
    } catch (com.fasterxml.jackson.core.JsonParseException e) {
      throw CliFailure.usage(json + " is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
