package dev.xreg.xregistry.impl;

import java.util.function.Predicate;

/**
 * Which entities the caller may read, as a rendering asks it, remembering whether it asked at
 * all: an answer rendered without asking is the same for every caller the guard let through,
 * so the read cache may share it across callers ({@link CachedReads}).
 */
final class AskedVisibility implements Predicate<String> {
  private final Predicate<String> visible;
  private boolean asked;

  AskedVisibility(Predicate<String> visible) {
    this.visible = visible;
  }

  @Override
  public boolean test(String xid) {
    asked = true;
    return visible.test(xid);
  }

  boolean asked() {
    return asked;
  }
}
