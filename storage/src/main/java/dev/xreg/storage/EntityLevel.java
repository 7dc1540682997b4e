package dev.xreg.storage;

import java.util.Objects;

/**
 * All entities of one level of the model, across every parent: the Groups of a Group type,
 * the Resources (with their meta) of a Resource type, or the Versions of those Resources.
 * Used by checks that span a whole type, such as a model change against existing data.
 */
public record EntityLevel(String groups, String resources, boolean versions) {

  public EntityLevel {
    Objects.requireNonNull(groups, "groups");
    if (versions && resources == null) {
      throw new IllegalArgumentException("Versions belong to a Resource type");
    }
  }

  public static EntityLevel groupsOf(String groups) {
    return new EntityLevel(groups, null, false);
  }

  public static EntityLevel resourcesOf(String groups, String resources) {
    return new EntityLevel(groups, resources, false);
  }

  public static EntityLevel versionsOf(String groups, String resources) {
    return new EntityLevel(groups, resources, true);
  }
}
