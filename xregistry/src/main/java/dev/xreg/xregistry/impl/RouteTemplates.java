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
    String[] segs = path.replaceAll("^/+|/+$", "").split("/+");
    if (segs.length == 1 && segs[0].isEmpty()) {
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
    if (segs.length > TREE.length) {
      return "/{other}";
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
}
