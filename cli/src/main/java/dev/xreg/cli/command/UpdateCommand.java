package dev.xreg.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xreg update XID}. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Change an existing entity (PATCH; --replace for PUT).")
public final class UpdateCommand extends EntityWrite {
  @Option(names = "--replace", description = "Replace the entity with the data (PUT) instead of merging (PATCH).")
  boolean replace;

  @Override
  boolean replace() {
    return replace;
  }

  @Override
  Existence existence() {
    return Existence.PRESENT;
  }
}
