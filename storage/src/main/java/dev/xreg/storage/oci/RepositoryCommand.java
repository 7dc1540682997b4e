package dev.xreg.storage.oci;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Command;

/** A command about one repository (OCI, App Registry): the repository's name is its subject. */
public interface RepositoryCommand<R> extends Command<R> {

  RepositoryName repository();

  @Override
  default String subject() {
    return repository().value();
  }
}
