package dev.xreg.xregistry.impl;

/**
 * Maps a registry path to a low-cardinality route template for metrics, e.g.
 * {@code /dirs/d1/files/f1/versions/2} to {@code /{groups}/{gid}/{resources}/{rid}/versions/{vid}}.
 */
public final class RouteTemplates {
  private static final String[] TREE = {"/{groups}", "/{gid}", "/{resources}", "/{rid}", null, "/{vid}"};

  private RouteTemplates() {
  }

  public static String of(String path) {
    String[] segs = segments(path);
    if (segs == null) { // too deep for the tree; an alias keeps its label however deep
      String rest = path.replaceFirst("^/+", "");
      return rest.equals("-") || rest.startsWith("-/") ? "/-/{shortself}" : "/{other}";
    }
    if (segs.length == 0) {
      return "/";
    }
    if (segs.length == 1 && switch (segs[0]) {
      // The operational endpoints are routed before the registry handler, so they are never Group types.
      case "model", "modelsource", "capabilities", "capabilitiesoffered", "export", "health", "ready", "metrics" -> true;
      default -> false;
    }) {
      return "/" + segs[0];
    }
    if (segs[0].equals("-")) {
      return "/-/{shortself}"; // aliases (ShortSelf) are never Group types: "-" is no valid name
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < segs.length; i++) {
      if (i == 4) {
        String s = segs[4].replace("$details", "");
        if (!s.equals("meta") && !s.equals("versions")) {
          return "/{other}";
        }
        b.append('/').append(s);
      } else {
        b.append(TREE[i]);
      }
    }
    if (path.endsWith("$details")) {
      b.append("$details");
    }
    return b.toString();
  }

  /**
   * The non-empty segments between slashes (runs of slashes count as one), or null when there are
   * more than {@link #TREE} has: no template has more. Hand-written, not a regex split: this runs
   * for every request (issue 15).
   */
  private static String[] segments(String path) {
    String[] found = new String[TREE.length];
    int count = 0;
    int n = path.length();
    int i = 0;
    while (i < n) {
      while (i < n && path.charAt(i) == '/') {
        i++;
      }
      if (i == n) {
        break;
      }
      int end = path.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      if (count == found.length) {
        return null;
      }
      found[count++] = path.substring(i, end);
      i = end;
    }
    return count == found.length ? found : java.util.Arrays.copyOf(found, count);
  }
}
