package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.output.DataInput;
import dev.xreg.cli.output.Terminal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Model source normalization, client side (model.md, "Includes"): {@code $include} and
 * {@code $includes} are replaced by what they point at (a document, optionally
 * {@code #/json/pointer} into it); keys written next to the directive win, and earlier
 * includes win over later ones; a cycle is an error. References the CLI cannot read
 * (a server's own {@code xreg:} documents) are kept and reported. Then each Group and
 * Resource type gets its {@code plural} and each attribute its {@code name} from its map key.
 */
final class ModelNormalizer {
  private final Path baseDir;
  private final Terminal terminal;
  private final Deque<String> including = new ArrayDeque<>();
  private HttpClient http;

  ModelNormalizer(Path baseDir, Terminal terminal) {
    this.baseDir = baseDir;
    this.terminal = terminal;
  }

  JsonNode normalize(JsonNode source) {
    JsonNode resolved = resolve(source, baseDir.toUri());
    if (resolved.isObject()) {
      fill((ObjectNode) resolved);
    }
    return resolved;
  }

  private JsonNode resolve(JsonNode node, URI base) {
    if (node.isArray()) {
      ArrayNode a = Json.MAPPER.createArrayNode();
      node.forEach(e -> a.add(resolve(e, base)));
      return a;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.has("$include") && node.has("$includes")) {
      throw CliFailure.usage("$include and $includes may not both appear in one object");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    List<String> refs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("$include")) {
        refs.add(e.getValue().asText());
      } else if (e.getKey().equals("$includes")) {
        e.getValue().forEach(r -> refs.add(r.asText()));
      } else {
        out.set(e.getKey(), resolve(e.getValue(), base));
      }
    }
    List<String> unresolved = new ArrayList<>();
    for (String ref : refs) {
      URI target = base.resolve(ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref);
      String pointer = ref.contains("#") ? ref.substring(ref.indexOf('#') + 1) : "";
      JsonNode doc = load(target);
      if (doc == null) {
        unresolved.add(ref);
        continue;
      }
      String key = target + "#" + pointer;
      if (including.contains(key)) {
        throw CliFailure.usage("$include cycle: " + String.join(" -> ", including) + " -> " + key);
      }
      including.push(key);
      JsonNode part = pointer.isEmpty() ? doc : doc.at(pointer.startsWith("/") ? pointer : "/" + pointer);
      if (part.isMissingNode()) {
        throw CliFailure.usage("$include " + ref + ": nothing at #" + pointer);
      }
      JsonNode resolvedPart = resolve(part, target);
      including.pop();
      resolvedPart.fields().forEachRemaining(e -> {
        if (!out.has(e.getKey())) {
          out.set(e.getKey(), e.getValue());
        }
      });
    }
    if (unresolved.size() == 1 && refs.size() == 1 && node.has("$include")) {
      out.put("$include", unresolved.get(0));
    } else if (!unresolved.isEmpty()) {
      ArrayNode keep = out.putArray("$includes");
      unresolved.forEach(keep::add);
    }
    return out;
  }

  private JsonNode load(URI target) {
    String scheme = target.getScheme();
    try {
      if ("file".equals(scheme)) {
        Path p = Path.of(target);
        if (!Files.isRegularFile(p)) {
          throw CliFailure.usage("$include " + p + ": no such file");
        }
        return DataInput.ofFile(p).tree();
      }
      if ("http".equals(scheme) || "https".equals(scheme)) {
        if (http == null) {
          http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw CliFailure.usage("$include " + target + " answered " + r.statusCode());
        }
        return new DataInput(r.body(), target.getPath()).tree();
      }
    } catch (IOException e) {
      throw CliFailure.usage("$include " + target + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.usage("interrupted");
    }
    terminal.err().println("note: kept $include " + target + " (only files and http(s) URLs are resolved here)");
    return null;
  }

  private static void fill(ObjectNode model) {
    names(model.path("attributes"));
    model.path("groups").fields().forEachRemaining(g -> {
      if (g.getValue() instanceof ObjectNode group) {
        group.putIfAbsent("plural", TextNode.valueOf(g.getKey()));
        names(group.path("attributes"));
        group.path("resources").fields().forEachRemaining(r -> {
          if (r.getValue() instanceof ObjectNode resource) {
            resource.putIfAbsent("plural", TextNode.valueOf(r.getKey()));
            names(resource.path("attributes"));
            names(resource.path("metaattributes"));
          }
        });
      }
    });
  }

  /** Attribute names at every depth (attributes, nested object attributes, item attributes). */
  private static void names(JsonNode attributes) {
    attributes.fields().forEachRemaining(a -> {
      if (a.getValue() instanceof ObjectNode attr) {
        attr.putIfAbsent("name", TextNode.valueOf(a.getKey()));
        names(attr.path("attributes"));
        names(attr.path("item").path("attributes"));
      }
    });
  }
}
