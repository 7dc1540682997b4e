package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.http.Xid;
import dev.xreg.cli.output.AttributeEdits;
import dev.xreg.cli.output.DataInput;
import dev.xreg.cli.output.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The shared body of {@code create}, {@code update} and {@code upsert}: they differ only in
 * whether the entity must be absent, present, or either.
 *
 * <p>For a Resource or Version, {@code -d} is its document unless {@code --details} says it
 * is metadata ({@code $details}), as in xr. Attribute edits always go to the metadata. Writes
 * are PATCH (only the attributes given change) unless {@code --replace} asks for PUT (the
 * entity becomes exactly the data); {@code create} always PUTs.
 */
abstract class EntityWrite extends CliCommand {
  /** Whether the entity must exist before the write. */
  enum Existence { ABSENT, PRESENT, EITHER }

  @Parameters(index = "0", paramLabel = "XID", description = "The entity, e.g. /dirs/d1 or /dirs/d1/files/f1.")
  String xid;

  @Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE|@-",
      description = "JSON or YAML metadata (a document for a Resource/Version without --details): inline, @FILE, or @- for stdin.")
  String data;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Set an attribute; NAME may be a dot path (labels.env); VALUE is JSON or a string. Repeatable.")
  List<String> sets;

  @Option(names = "--add", paramLabel = "NAME=VALUE", description = "Append VALUE to an array attribute. Repeatable.")
  List<String> adds;

  @Option(names = "--del", paramLabel = "NAME", description = "Remove an attribute (dot paths allowed). Repeatable.")
  List<String> dels;

  @Option(names = {"-m", "--details"}, description = "The data is a Resource's or Version's metadata, not its document.")
  boolean details;

  @Option(names = "--content-type", paramLabel = "TYPE",
      description = "Content type of a document (default: from the file's extension).")
  String contentType;

  abstract Existence existence();

  /** PUT (replace the entity) rather than PATCH (merge the given attributes). */
  abstract boolean replace();

  @Override
  public Integer call() {
    Xid target = Xid.parse(xid);
    if (target.level().collection() || target.level() == Xid.Level.META && existence() == Existence.ABSENT) {
      throw CliFailure.usage(target + " is " + (target.level().collection() ? "a collection: use 'xreg import'" : "created with its Resource"));
    }
    AttributeEdits edits = new AttributeEdits(sets, adds, dels);
    DataInput input = DataInput.read(data, terminal());
    boolean document = target.documentCapable() && !target.details() && !details && input != null;
    Xid meta = target.documentCapable() ? target.withDetails(true) : target;

    Reply existing = client().get(meta.path());
    boolean exists = existing.ok();
    if (!exists && existing.status() != 404) {
      existing.requireOk();
    }
    if (exists && existence() == Existence.ABSENT) {
      throw new CliFailure(ExitCode.REFUSED, target + " already exists (use 'xreg update' or 'xreg upsert')");
    }
    if (!exists && existence() == Existence.PRESENT) {
      existing.requireOk();
    }

    Reply written;
    if (document) {
      String type = contentType != null ? contentType : input.guessContentType();
      written = client().send("PUT", target.path(), input.bytes(), type).requireOk();
      if (!edits.isEmpty()) {
        ObjectNode current = (ObjectNode) client().get(meta.path()).requireOk().json();
        written = send("PATCH", meta, edits.patchFor(current));
      }
    } else {
      ObjectNode current = exists && existing.json().isObject() ? (ObjectNode) existing.json() : Json.MAPPER.createObjectNode();
      ObjectNode given = input == null ? null : object(input.tree());
      if (replace() || !exists) {
        ObjectNode body = given != null ? given : replace() ? current.deepCopy() : Json.MAPPER.createObjectNode();
        edits.applyTo(body);
        written = send("PUT", meta, body);
      } else {
        ObjectNode merged = current.deepCopy();
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (given != null) {
          merged.setAll(given);
          body.setAll(given);
        }
        body.setAll(edits.patchFor(merged));
        written = send("PATCH", meta, body);
      }
    }
    JsonNode shown = written.isDocument() || written.body().length == 0
        ? client().get(meta.path()).requireOk().json() : written.json();
    printer(OutputFormat.json).print(shown, false);
    return ExitCode.OK;
  }

  private Reply send(String method, Xid to, ObjectNode body) {
    return client().send(method, to.path(), body.toString().getBytes(StandardCharsets.UTF_8), "application/json")
        .requireOk();
  }

  private static ObjectNode object(JsonNode n) {
    if (!n.isObject()) {
      throw CliFailure.usage("the data must be a JSON/YAML object of attributes, not " + n.getNodeType().name().toLowerCase());
    }
    return (ObjectNode) n;
  }
}
