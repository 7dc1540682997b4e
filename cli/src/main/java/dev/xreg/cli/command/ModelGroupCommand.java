package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.output.Colours;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xreg model group create|get|list|delete}: Group types, by editing the model source. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Add, show, list or remove Group types.")
public final class ModelGroupCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Add Group types to the model source: PLURAL:SINGULAR (or PLURAL, singular = PLURAL less one s).")
  int create(@Parameters(arity = "1..*", paramLabel = "PLURAL[:SINGULAR]") List<String> types) {
    ObjectNode source = ModelSource.read(client());
    ObjectNode groups = source.has("groups") ? (ObjectNode) source.get("groups") : source.putObject("groups");
    for (String t : types) {
      String[] ps = ModelSource.pluralSingular(t);
      if (groups.has(ps[0])) {
        throw ModelCommand.refused("Group type '" + ps[0] + "' already exists");
      }
      groups.putObject(ps[0]).put("plural", ps[0]).put("singular", ps[1]);
    }
    ModelSource.write(client(), source);
    note("created Group type" + (types.size() > 1 ? "s " : " ") + String.join(", ", types));
    return ExitCode.OK;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one Group type from the model.")
  int get(@Parameters(paramLabel = "PLURAL") String plural) {
    JsonNode g = ModelSource.model(client()).path("groups").path(plural);
    if (g.isMissingNode()) {
      throw ModelCommand.refused("no Group type '" + plural + "' in the model");
    }
    printer(OutputFormat.json).print(g, false);
    return ExitCode.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the Group types (a table unless -o says otherwise).")
  int list() {
    JsonNode groups = ModelSource.model(client()).path("groups");
    if (root().outputFormat() != null && root().outputFormat() != OutputFormat.table) {
      printer(OutputFormat.json).print(groups, false);
      return ExitCode.OK;
    }
    Table t = new Table("PLURAL", "SINGULAR", "RESOURCES");
    groups.fields().forEachRemaining(e -> {
      StringBuilder rs = new StringBuilder();
      e.getValue().path("resources").fieldNames().forEachRemaining(r -> rs.append(rs.length() == 0 ? "" : ",").append(r));
      t.row(e.getKey(), e.getValue().path("singular").asText(""), rs.toString());
    });
    terminal().out().print(t.isEmpty() ? "(no Group types)\n" : t.render(new Colours(terminal().colourOut())));
    return ExitCode.OK;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Remove Group types from the model source (the server refuses while Groups of that type exist).")
  int delete(@Parameters(arity = "1..*", paramLabel = "PLURAL") List<String> plurals) {
    ObjectNode source = ModelSource.read(client());
    JsonNode groups = source.path("groups");
    for (String p : plurals) {
      if (!groups.has(p)) {
        throw ModelCommand.refused("no Group type '" + p + "' in the model source");
      }
      ((ObjectNode) groups).remove(p);
    }
    ModelSource.write(client(), source);
    note("deleted Group type" + (plurals.size() > 1 ? "s " : " ") + String.join(", ", plurals));
    return ExitCode.OK;
  }
}
