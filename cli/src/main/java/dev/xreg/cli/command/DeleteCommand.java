package dev.xreg.cli.command;

import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Query;
import dev.xreg.cli.http.Xid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xreg delete XID [--epoch N]}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete an entity (with everything below it), or a whole collection.",
        "With --epoch the server refuses the delete if the entity changed since that epoch."})
public final class DeleteCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "XID", description = "e.g. /dirs/d1")
  String xid;

  @Option(names = "--epoch", paramLabel = "N", description = "Delete only if the entity's epoch is still N (?epoch=N).")
  Long epoch;

  @Override
  public Integer call() {
    Xid target = Xid.parse(xid);
    if (target.level() == Xid.Level.REGISTRY) {
      throw dev.xreg.cli.CliFailure.usage("the Registry itself cannot be deleted; delete its Groups (e.g. xreg delete /dirs)");
    }
    Query q = new Query();
    if (epoch != null) {
      q.param("epoch", epoch.toString());
    }
    client().send("DELETE", target.withDetails(false).path() + q, null, null).requireOk();
    note("deleted " + target.withDetails(false));
    return ExitCode.OK;
  }
}
