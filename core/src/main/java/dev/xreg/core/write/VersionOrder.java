package dev.xreg.core.write;

import dev.xreg.core.entity.Entity;
import dev.xreg.core.model.VersionMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** "Newest" and the ancestor chain per {@code versionmode} (model.md versionmode). */
public final class VersionOrder {
  private VersionOrder() {
  }

  /** Ascending order of a chained mode (createdat, modifiedat, semver); for manual, by createdat. */
  public static Comparator<Entity> ascending(VersionMode mode) {
    Comparator<Entity> byId = Comparator.comparing(v -> v.id().toLowerCase(Locale.ROOT));
    return switch (mode) {
      case MODIFIEDAT -> Comparator.comparing(Entity::modifiedat).thenComparing(byId);
      case SEMVER -> Comparator.<Entity, String>comparing(Entity::id, Semver::compare).thenComparing(byId);
      default -> Comparator.comparing(Entity::createdat).thenComparing(byId);
    };
  }

  /** The newest Version: manual mode looks only at leaves; chained modes take the last. */
  public static Entity newest(VersionMode mode, Collection<Entity> versions) {
    Collection<Entity> candidates = versions;
    if (mode == VersionMode.MANUAL) {
      Set<String> ancestors = new HashSet<>();
      for (Entity v : versions) {
        String a = v.text("ancestorid");
        if (a != null && !a.equals(v.id())) {
          ancestors.add(a);
        }
      }
      List<Entity> leaves = versions.stream().filter(v -> !ancestors.contains(v.id())).collect(Collectors.toList());
      candidates = leaves.isEmpty() ? versions : leaves;
    }
    return candidates.stream().max(ascending(mode)).orElse(null);
  }

  /**
   * The Version pruned first by {@code maxversions}: the oldest one that is not the default.
   * In manual mode "oldest" is the oldest root (model.md versionmode "manual": only Versions
   * whose ancestorid is their own versionid count); if every root is excluded, the oldest of
   * the rest, so that pruning still makes progress.
   */
  public static Entity oldest(VersionMode mode, Collection<Entity> versions, String excludeId) {
    List<Entity> candidates = versions.stream().filter(v -> !v.id().equals(excludeId)).toList();
    if (mode == VersionMode.MANUAL) {
      List<Entity> roots = candidates.stream().filter(v -> v.id().equals(v.text("ancestorid"))).toList();
      if (!roots.isEmpty()) {
        candidates = roots;
      }
    }
    return candidates.stream().min(ascending(mode)).orElse(null);
  }

  /** SemVer 2.0 precedence, tolerant of IDs that are not SemVer (they sort by text). */
  static final class Semver {
    private Semver() {
    }

    static int compare(String a, String b) {
      String[] pa = a.split("[+]")[0].split("-", 2);
      String[] pb = b.split("[+]")[0].split("-", 2);
      String[] na = pa[0].split("\\.");
      String[] nb = pb[0].split("\\.");
      for (int i = 0; i < Math.max(na.length, nb.length); i++) {
        int c = part(i < na.length ? na[i] : "0", i < nb.length ? nb[i] : "0");
        if (c != 0) {
          return c;
        }
      }
      if (pa.length != pb.length) {
        return pa.length == 1 ? 1 : -1;
      }
      return pa.length == 1 ? 0 : pa[1].compareTo(pb[1]);
    }

    private static int part(String x, String y) {
      boolean nx = x.matches("\\d{1,18}");
      boolean ny = y.matches("\\d{1,18}");
      if (nx && ny) {
        return Long.compare(Long.parseLong(x), Long.parseLong(y));
      }
      return nx ? -1 : ny ? 1 : x.compareTo(y);
    }
  }
}
