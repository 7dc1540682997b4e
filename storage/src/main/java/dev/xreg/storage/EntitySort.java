package dev.xreg.storage;

import dev.xreg.core.flag.Sort;
import java.util.Objects;

/**
 * The {@code ?sort} flag on the entities of {@code scope}: numbers numerically, strings
 * case-insensitively, missing values lowest; the entity ID breaks ties in the same direction
 * (CORE-SRT-003). Stores compile it; no query text crosses the SPI.
 */
public record EntitySort(Sort sort, EntityScope scope) {
  public EntitySort {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(scope, "scope");
  }

  public boolean descending() {
    return sort.descending();
  }

  /** The sort on {@code scope}, or null without one. */
  public static EntitySort of(Sort sort, EntityScope scope) {
    return sort == null ? null : new EntitySort(sort, scope);
  }
}
