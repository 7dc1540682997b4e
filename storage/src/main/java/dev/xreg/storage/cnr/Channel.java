package dev.xreg.storage.cnr;

import java.util.List;

/** A channel of a package (CNR-014): its current release and every release added to it, highest first. */
public record Channel(String name, String current, List<String> releases) {
}
