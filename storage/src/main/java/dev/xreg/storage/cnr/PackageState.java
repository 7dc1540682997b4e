package dev.xreg.storage.cnr;

import java.time.Instant;
import java.util.List;

/** Everything a show, pull, blob or channel read needs of one package, read in one snapshot. */
public record PackageState(String name, String visibility, Instant createdAt, List<PackageRelease> releases,
    List<Channel> channels) {
}
