package dev.xreg.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xreg upsert XID}. */
@Command(name = "upsert", mixinStandardHelpOptions = true, description = "Create or change an entity (PATCH; --replace for PUT).")
public final class UpsertCommand extends EntityWrite {
  @Option(names = "--replace", description = "Replace the entity with the data (PUT) instead of merging (PATCH).")
  boolean replace;

  @Override
  boolean replace() {
    return replace;
  }

  @Override
  Existence existence() {
    return Existence.EITHER;
  }
}
