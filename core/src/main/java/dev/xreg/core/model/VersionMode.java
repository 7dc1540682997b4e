package dev.xreg.core.model;

import java.util.Locale;
import java.util.Optional;

/** The {@code versionmode} aspect of a Resource type: how "newest" and ancestry are decided. */
public enum VersionMode {
  MANUAL, CREATEDAT, MODIFIEDAT, SEMVER;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<VersionMode> fromSpecName(String name) {
    for (VersionMode m : values()) {
      if (m.specName().equalsIgnoreCase(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
