package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.http.Xid;
import dev.xreg.cli.output.Colours;
import dev.xreg.cli.output.DataInput;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg schema check FILE --against XID}: would FILE be accepted as the next Version of
 * the Resource XID (format valid, {@code meta.compatibility} kept)? Exit 0 if so, 1 with the
 * server's explanation (the breaking changes) if not.
 *
 * <p>It needs a server-side dry run, which the xRegistry spec does not define: the server
 * must list {@code dryrun} in {@code capabilities.flags} and, for a write with
 * {@code ?dryrun}, do everything except commit (docs/cli.md, "Server support for schema
 * check"). Without that flag the command refuses to send anything (exit 3), because a
 * server that ignores unknown flags, as the spec asks, would store the Version for real.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Schema workflow commands.")
public final class SchemaCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Ask the server whether FILE would be accepted as a new Version of the Resource XID",
          "(dry run: POST XID?dryrun, nothing stored). Exit 0: compatible; 1: refused, with the breaking changes.",
          "Needs a server that lists 'dryrun' in capabilities.flags."})
  int check(@Parameters(paramLabel = "FILE", description = "The new schema document.") String file,
      @Option(names = "--against", required = true, paramLabel = "XID",
          description = "The Resource, e.g. /schemagroups/g1/schemas/s1.") String against,
      @Option(names = "--format", paramLabel = "FORMAT",
          description = "The new Version's format (default: the Resource's current one), e.g. Avro/1.11.") String format,
      @Option(names = "--content-type", paramLabel = "TYPE", description = "Default: from the file's extension.")
      String contentType) {
    Xid target = Xid.parse(against);
    if (target.level() != Xid.Level.RESOURCE) {
      throw CliFailure.usage("--against must name a Resource (/GROUPS/g/RESOURCES/r), not " + target);
    }
    DataInput input = DataInput.read("@" + file, terminal());
    JsonNode flags = client().get("/capabilities").requireOk().json().path("flags");
    boolean dryrun = false;
    for (JsonNode f : flags) {
      dryrun |= f.asText().equals("dryrun");
    }
    if (!dryrun) {
      throw new CliFailure(ExitCode.SERVER_FAILURE, "the server does not offer the 'dryrun' flag "
          + "(capabilities.flags), so it cannot check a schema without storing it; nothing was sent. "
          + "See docs/cli.md, 'Server support for schema check'.");
    }
    JsonNode current = client().get(target.withDetails(true).path() + "?inline=meta").requireOk().json();
    String fmt = format != null ? format : current.path("format").asText(null);
    String type = contentType != null ? contentType : input.guessContentType();
    Reply reply = client().send("POST", target.path() + "?dryrun", input.bytes(), type,
        fmt == null ? java.util.Map.of() : java.util.Map.of("xRegistry-format", fmt));
    Colours c = new Colours(terminal().colourOut());
    if (!reply.ok()) {
      throw reply.status() >= 400 && reply.status() < 500
          ? new CliFailure(ExitCode.REFUSED, "not compatible: " + file + " as a new Version of " + target + "\n"
              + dev.xreg.cli.http.Problem.of(reply).message())
          : dev.xreg.cli.http.Problem.of(reply).failure();
    }
    Optional<String> validated = reply.header("xRegistry-compatibilityvalidated");
    String rule = current.path("meta").path("compatibility").asText(null);
    if (validated.isPresent() && validated.get().toLowerCase(Locale.ROOT).equals("false")) {
      terminal().out().println("not verified: the server could not decide compatibility for " + file
          + reply.header("xRegistry-compatibilityvalidatedreason").map(r -> " (" + r + ")").orElse(""));
      return ExitCode.REFUSED;
    }
    terminal().out().println(c.green("compatible") + ": " + file + " as a new Version of " + target
        + (rule != null ? " (meta.compatibility: " + rule + ")" : ""));
    return ExitCode.OK;
  }
}
