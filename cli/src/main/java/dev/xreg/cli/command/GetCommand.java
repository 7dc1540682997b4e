package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Query;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.http.Xid;
import dev.xreg.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xreg get [XID]}: any entity or collection, with the spec's query flags. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Show an entity or a collection (default: the Registry).",
        "A Resource or Version with a document prints the document as it is; --details prints its metadata.",
        "Collections are read page by page (Link: rel=next) until the last page."})
public final class GetCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "XID", description = "e.g. /dirs/d1/files/f1 (default: /)")
  String xid;

  @Option(names = "--inline", arity = "0..1", fallbackValue = "*", paramLabel = "PATH",
      description = "Inline nested collections or attributes (repeatable; without PATH: *).")
  List<String> inline;

  @Option(names = "--filter", paramLabel = "EXPR",
      description = "Only entities matching, e.g. dirs.name=my*; repeat for OR, commas for AND.")
  List<String> filter;

  @Option(names = "--sort", paramLabel = "ATTR[=asc|desc]", description = "Sort collections by an attribute.")
  String sort;

  @Option(names = "--doc", description = "Document view: relative URLs, no generated attributes (?doc).")
  boolean doc;

  @Option(names = {"-m", "--details"}, description = "A Resource's or Version's metadata, not its document ($details).")
  boolean details;

  @Option(names = "--limit", paramLabel = "N", description = "Page size asked of the server (?limit=N).")
  Integer limit;

  @Option(names = "--first-page", description = "Stop after the first page instead of following Link: rel=next.")
  boolean firstPage;

  @Override
  public Integer call() {
    // "--inline /dirs/d1": picocli gives an optional-value option the next word, but a word
    // starting with "/" is the XID (inline paths never start with one).
    if (xid == null && inline != null && !inline.isEmpty() && inline.get(inline.size() - 1).startsWith("/")) {
      xid = inline.remove(inline.size() - 1);
      inline.add("*");
    }
    Xid target = Xid.parse(xid);
    target = target.withDetails(target.details() || details);
    Query q = new Query();
    if (inline != null) {
      inline.forEach(i -> q.param("inline", i));
    }
    if (filter != null) {
      filter.forEach(f -> q.param("filter", f));
    }
    if (sort != null) {
      q.param("sort", sort);
    }
    if (doc) {
      q.flag("doc");
    }
    if (limit != null) {
      q.param("limit", limit.toString());
    }
    Reply reply = client().get(target.path() + q).requireOk();
    // A document: the server says so in xRegistry-* headers; a static copy (xreg download)
    // cannot, so there a body that is not JSON is a document too.
    if (target.documentCapable() && !target.details() && (reply.isDocument() || !reply.isJson())) {
      terminal().out().write(reply.body(), 0, reply.body().length);
      terminal().out().flush();
      return ExitCode.OK;
    }
    JsonNode body = target.level().collection() && !firstPage
        ? Pages.readAll(client(), reply, n -> { }) : reply.json();
    printer(OutputFormat.json).print(body, target.level().collection());
    return ExitCode.OK;
  }
}
