package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.output.OutputFormat;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg oci ls|tags}: read-only conveniences over the OCI Distribution API. Pushing and
 * pulling are skopeo's (or any OCI client's) job; docs/cli.md shows how. {@code /v2/} is at
 * the host root whatever path the xRegistry API has (OCI clients call {@code host/v2/}).
 */
@Command(name = "oci", mixinStandardHelpOptions = true,
    description = {"List OCI repositories and tags (GET /v2/_catalog, /v2/<name>/tags/list).",
        "Push and pull with skopeo or another OCI client (docs/cli.md)."})
public final class OciCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "ls", mixinStandardHelpOptions = true,
      description = "List the repositories, one a line (-o json: an array), following every page.")
  int ls(@Option(names = "--limit", paramLabel = "N", description = "Page size asked of the server (?n=N).") Integer limit) {
    ArrayNode names = collect("/v2/_catalog" + (limit == null ? "" : "?n=" + limit), "repositories");
    print(names, names);
    return ExitCode.OK;
  }

  @Command(name = "tags", mixinStandardHelpOptions = true,
      description = "List a repository's tags, one a line (-o json: {name, tags}), following every page.")
  int tags(@Parameters(paramLabel = "REPOSITORY", description = "e.g. library/alpine") String repository,
      @Option(names = "--limit", paramLabel = "N", description = "Page size asked of the server (?n=N).") Integer limit) {
    ArrayNode tags = collect("/v2/" + repository + "/tags/list" + (limit == null ? "" : "?n=" + limit), "tags");
    ObjectNode json = Json.MAPPER.createObjectNode().put("name", repository);
    json.set("tags", tags);
    print(tags, json);
    return ExitCode.OK;
  }

  private ArrayNode collect(String path, String field) {
    ArrayNode all = Json.MAPPER.createArrayNode();
    URI uri = client().base().resolve(path);
    while (true) {
      Reply page = client().get(uri).requireOk();
      JsonNode items = page.json().path(field);
      if (items.isArray()) {
        all.addAll((ArrayNode) items);
      }
      Optional<URI> next = page.nextPage();
      if (next.isEmpty()) {
        return all;
      }
      uri = next.get();
    }
  }

  private void print(ArrayNode lines, JsonNode json) {
    OutputFormat f = root().outputFormat();
    if (f == OutputFormat.json || f == OutputFormat.yaml) {
      printer(f).print(json, false);
      return;
    }
    lines.forEach(n -> terminal().out().println(n.asText()));
    terminal().out().flush();
  }
}
