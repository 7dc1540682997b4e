package dev.xreg.cli.command;

import picocli.CommandLine.Command;

/** {@code xreg create XID}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an entity; refused when it already exists.")
public final class CreateCommand extends EntityWrite {
  @Override
  boolean replace() {
    return true;
  }

  @Override
  Existence existence() {
    return Existence.ABSENT;
  }
}
