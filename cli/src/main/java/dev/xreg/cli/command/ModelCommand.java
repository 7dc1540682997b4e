package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.output.DataInput;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Table;
import dev.xreg.cli.output.Colours;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xreg model ...}: the registry's model. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Show, change or normalize the model.",
    subcommands = {ModelGroupCommand.class, ModelResourceCommand.class})
public final class ModelCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show the model (GET /model), or with --source what was written (GET /modelsource). "
          + "-o table lists Group and Resource types.")
  int get(@Option(names = "--source", description = "The model source as written, includes unexpanded.") boolean source) {
    JsonNode model = source ? ModelSource.read(client()) : ModelSource.model(client());
    if (root().outputFormat() == OutputFormat.table) {
      terminal().out().print(typesTable(model));
    } else {
      printer(OutputFormat.json).print(model, false);
    }
    return ExitCode.OK;
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Replace the model source (PUT /modelsource) with a JSON or YAML document.")
  int update(@Option(names = {"-d", "--data"}, required = true, paramLabel = "DATA|@FILE|@-",
      description = "The model source: inline, @FILE or @- (stdin).") String data) {
    JsonNode source = DataInput.read(data, terminal()).tree();
    printer(OutputFormat.json).print(ModelSource.write(client(), source), false);
    return ExitCode.OK;
  }

  @Command(name = "normalize", mixinStandardHelpOptions = true,
      description = {"Print a model source with $include/$includes of local files and http(s) URLs resolved,",
          "and the plurals and attribute names that map keys imply filled in. Needs no server."})
  int normalize(@Option(names = {"-d", "--data"}, required = true, paramLabel = "@FILE|@-|DATA",
      description = "The model source.") String data) {
    DataInput input = DataInput.read(data, terminal());
    Path baseDir = data.startsWith("@") && !data.equals("@-")
        ? Path.of(data.substring(1)).toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    JsonNode normalized = new ModelNormalizer(baseDir, terminal()).normalize(input.tree());
    printer(OutputFormat.json).print(normalized, false);
    return ExitCode.OK;
  }

  private String typesTable(JsonNode model) {
    Table t = new Table("GROUP", "SINGULAR", "RESOURCE", "SINGULAR", "HASDOCUMENT", "MAXVERSIONS");
    for (Iterator<Map.Entry<String, JsonNode>> g = model.path("groups").fields(); g.hasNext(); ) {
      Map.Entry<String, JsonNode> ge = g.next();
      String gs = ge.getValue().path("singular").asText("");
      JsonNode resources = ge.getValue().path("resources");
      if (resources.isEmpty()) {
        t.row(ge.getKey(), gs, "", "", "", "");
      }
      for (Iterator<Map.Entry<String, JsonNode>> r = resources.fields(); r.hasNext(); ) {
        Map.Entry<String, JsonNode> re = r.next();
        JsonNode rv = re.getValue();
        t.row(ge.getKey(), gs, re.getKey(), rv.path("singular").asText(""),
            rv.has("hasdocument") ? rv.get("hasdocument").asText() : "true",
            rv.has("maxversions") ? rv.get("maxversions").asText() : "0");
      }
    }
    return t.isEmpty() ? "(no Group types)\n" : t.render(new Colours(terminal().colourOut()));
  }

  static CliFailure refused(String message) {
    return new CliFailure(ExitCode.REFUSED, message);
  }
}
