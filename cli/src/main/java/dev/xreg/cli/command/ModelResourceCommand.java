package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.output.Colours;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xreg model resource create|get|list|delete -g GROUP}: Resource types of a Group type. */
@Command(name = "resource", mixinStandardHelpOptions = true,
    description = "Add, show, list or remove Resource types of a Group type.")
public final class ModelResourceCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Add Resource types: PLURAL:SINGULAR (or PLURAL). The Group type is created if missing.")
  int create(@Option(names = {"-g", "--group"}, required = true, paramLabel = "GROUP[:SINGULAR]") String group,
      @Option(names = "--no-doc", description = "hasdocument: false (metadata only, no document).") boolean noDoc,
      @Option(names = "--max-versions", paramLabel = "N", description = "maxversions (default: the server's, 0 = unlimited).")
      Integer maxVersions,
      @Parameters(arity = "1..*", paramLabel = "PLURAL[:SINGULAR]") List<String> types) {
    ObjectNode source = ModelSource.read(client());
    ObjectNode groups = source.has("groups") ? (ObjectNode) source.get("groups") : source.putObject("groups");
    String[] g = ModelSource.pluralSingular(group);
    ObjectNode gNode = groups.has(g[0]) ? (ObjectNode) groups.get(g[0])
        : groups.putObject(g[0]).put("plural", g[0]).put("singular", g[1]);
    ObjectNode resources = gNode.has("resources") ? (ObjectNode) gNode.get("resources") : gNode.putObject("resources");
    for (String t : types) {
      String[] ps = ModelSource.pluralSingular(t);
      if (resources.has(ps[0])) {
        throw ModelCommand.refused("Resource type '" + g[0] + "/" + ps[0] + "' already exists");
      }
      ObjectNode r = resources.putObject(ps[0]).put("plural", ps[0]).put("singular", ps[1]);
      if (noDoc) {
        r.put("hasdocument", false);
      }
      if (maxVersions != null) {
        r.put("maxversions", maxVersions);
      }
    }
    ModelSource.write(client(), source);
    note("created Resource type" + (types.size() > 1 ? "s " : " ") + String.join(", ", types) + " in " + g[0]);
    return ExitCode.OK;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one Resource type from the model.")
  int get(@Option(names = {"-g", "--group"}, required = true, paramLabel = "GROUP") String group,
      @Parameters(paramLabel = "PLURAL") String plural) {
    JsonNode r = resources(group).path(plural);
    if (r.isMissingNode()) {
      throw ModelCommand.refused("no Resource type '" + group + "/" + plural + "' in the model");
    }
    printer(OutputFormat.json).print(r, false);
    return ExitCode.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a Group type's Resource types (a table unless -o says otherwise).")
  int list(@Option(names = {"-g", "--group"}, required = true, paramLabel = "GROUP") String group) {
    JsonNode resources = resources(group);
    if (root().outputFormat() != null && root().outputFormat() != OutputFormat.table) {
      printer(OutputFormat.json).print(resources, false);
      return ExitCode.OK;
    }
    Table t = new Table("PLURAL", "SINGULAR", "HASDOCUMENT", "MAXVERSIONS");
    resources.fields().forEachRemaining(e -> {
      JsonNode r = e.getValue();
      t.row(e.getKey(), r.path("singular").asText(""), r.has("hasdocument") ? r.get("hasdocument").asText() : "true",
          r.has("maxversions") ? r.get("maxversions").asText() : "0");
    });
    terminal().out().print(t.isEmpty() ? "(no Resource types)\n" : t.render(new Colours(terminal().colourOut())));
    return ExitCode.OK;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Remove Resource types from a Group type in the model source.")
  int delete(@Option(names = {"-g", "--group"}, required = true, paramLabel = "GROUP") String group,
      @Parameters(arity = "1..*", paramLabel = "PLURAL") List<String> plurals) {
    ObjectNode source = ModelSource.read(client());
    JsonNode resources = source.path("groups").path(group).path("resources");
    for (String p : plurals) {
      if (!resources.has(p)) {
        throw ModelCommand.refused("no Resource type '" + group + "/" + p + "' in the model source");
      }
      ((ObjectNode) resources).remove(p);
    }
    ModelSource.write(client(), source);
    note("deleted Resource type" + (plurals.size() > 1 ? "s " : " ") + String.join(", ", plurals) + " from " + group);
    return ExitCode.OK;
  }

  private JsonNode resources(String group) {
    JsonNode g = ModelSource.model(client()).path("groups").path(group);
    if (g.isMissingNode()) {
      throw ModelCommand.refused("no Group type '" + group + "' in the model");
    }
    return g.path("resources");
  }
}
