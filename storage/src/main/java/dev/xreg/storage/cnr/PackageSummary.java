package dev.xreg.storage.cnr;

import java.time.Instant;
import java.util.List;

/** A package in a list (CNR-003): its name and its (release, media type) pairs, unordered. */
public record PackageSummary(String name, String visibility, Instant createdAt, List<Entry> entries) {

  /** One (release, media type) the package holds. */
  public record Entry(String release, String mediaType) {
  }
}
