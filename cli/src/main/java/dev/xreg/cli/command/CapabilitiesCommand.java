package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.output.AttributeEdits;
import dev.xreg.cli.output.DataInput;
import dev.xreg.cli.output.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xreg capabilities get|update}. */
@Command(name = "capabilities", mixinStandardHelpOptions = true, description = "Show or change the server's capabilities.")
public final class CapabilitiesCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show the capabilities (GET /capabilities), or with --offered what may be set (GET /capabilitiesoffered).")
  int get(@Option(names = "--offered", description = "The values the server offers.") boolean offered) {
    JsonNode caps = client().get(offered ? "/capabilitiesoffered" : "/capabilities").requireOk().json();
    printer(OutputFormat.json).print(caps, false);
    return ExitCode.OK;
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = {"Change capabilities: PATCH /capabilities with the data and edits (only what is named changes),",
          "or PUT with --replace (unnamed capabilities return to their defaults)."})
  int update(
      @Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE|@-", description = "JSON or YAML capabilities.") String data,
      @Option(names = "--set", paramLabel = "NAME=VALUE", description = "e.g. shortself=true, flags='[\"inline\"]'.") List<String> sets,
      @Option(names = "--add", paramLabel = "NAME=VALUE", description = "Append to an array capability, e.g. flags=doc.") List<String> adds,
      @Option(names = "--del", paramLabel = "NAME", description = "Remove a capability (back to its default).") List<String> dels,
      @Option(names = "--replace", description = "PUT instead of PATCH.") boolean replace) {
    AttributeEdits edits = new AttributeEdits(sets, adds, dels);
    DataInput input = DataInput.read(data, terminal());
    if (input == null && edits.isEmpty()) {
      throw CliFailure.usage("nothing to change: give -d, --set, --add or --del");
    }
    ObjectNode current = (ObjectNode) client().get("/capabilities").requireOk().json();
    ObjectNode body;
    if (replace) {
      body = input != null ? (ObjectNode) input.tree() : current.deepCopy();
      edits.applyTo(body);
    } else {
      body = Json.MAPPER.createObjectNode();
      ObjectNode merged = current.deepCopy();
      if (input != null) {
        body.setAll((ObjectNode) input.tree());
        merged.setAll((ObjectNode) input.tree());
      }
      body.setAll(edits.patchFor(merged));
    }
    JsonNode result = client().send(replace ? "PUT" : "PATCH", "/capabilities",
        body.toString().getBytes(StandardCharsets.UTF_8), "application/json").requireOk().json();
    printer(OutputFormat.json).print(result, false);
    return ExitCode.OK;
  }
}
