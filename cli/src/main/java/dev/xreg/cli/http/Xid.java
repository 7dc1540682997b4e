package dev.xreg.cli.http;

import dev.xreg.cli.CliFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An xRegistry path as typed by a user ({@code dirs/d1}, {@code /dirs/d1/files/f1$details}),
 * classified by depth alone, so that no model lookup is needed: {@code /}, {@code /GROUPS},
 * {@code /GROUPS/g}, {@code /GROUPS/g/RESOURCES}, {@code /GROUPS/g/RESOURCES/r},
 * {@code .../r/meta}, {@code .../r/versions}, {@code .../r/versions/v}.
 */
public record Xid(List<String> segments, Level level, boolean details) {

  /** What an XID names. */
  public enum Level {
    REGISTRY(false), GROUPS(true), GROUP(false), RESOURCES(true), RESOURCE(false), META(false),
    VERSIONS(true), VERSION(false);

    private final boolean collection;

    Level(boolean collection) {
      this.collection = collection;
    }

    public boolean collection() {
      return collection;
    }
  }

  public static final Xid ROOT = new Xid(List.of(), Level.REGISTRY, false);

  public static Xid parse(String text) {
    if (text == null || text.isBlank() || text.equals("/")) {
      return ROOT;
    }
    String t = text.strip();
    if (t.contains("?")) {
      throw CliFailure.usage("XID '" + text + "' must not contain a query: use the command's options (--inline, --filter, ...)");
    }
    boolean details = false;
    if (t.endsWith("$details")) {
      details = true;
      t = t.substring(0, t.length() - "$details".length());
    }
    List<String> segs = new ArrayList<>(Arrays.asList(t.replaceAll("^/+|/+$", "").split("/+")));
    segs.removeIf(String::isEmpty);
    Level level = switch (segs.size()) {
      case 0 -> Level.REGISTRY;
      case 1 -> Level.GROUPS;
      case 2 -> Level.GROUP;
      case 3 -> Level.RESOURCES;
      case 4 -> Level.RESOURCE;
      case 5 -> switch (segs.get(4)) {
        case "meta" -> Level.META;
        case "versions" -> Level.VERSIONS;
        default -> throw CliFailure.usage("XID '" + text + "': after a Resource comes 'meta' or 'versions'");
      };
      case 6 -> {
        if (!segs.get(4).equals("versions")) {
          throw CliFailure.usage("XID '" + text + "': a Version's XID is /GROUPS/g/RESOURCES/r/versions/v");
        }
        yield Level.VERSION;
      }
      default -> throw CliFailure.usage("XID '" + text + "' is deeper than a Version");
    };
    if (details && level != Level.RESOURCE && level != Level.VERSION) {
      throw CliFailure.usage("XID '" + text + "': $details applies only to Resources and Versions");
    }
    return new Xid(List.copyOf(segs), level, details);
  }

  /** Resources and Versions may have documents; their metadata is at {@code $details}. */
  public boolean documentCapable() {
    return level == Level.RESOURCE || level == Level.VERSION;
  }

  public Xid withDetails(boolean d) {
    return new Xid(segments, level, d && documentCapable());
  }

  public Xid child(String... more) {
    List<String> s = new ArrayList<>(segments);
    s.addAll(Arrays.asList(more));
    return parse("/" + String.join("/", s));
  }

  /** The last segment: an entity's id or a collection's plural. */
  public String last() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  /** The path to send, with {@code $details} when asked for. */
  public String path() {
    return "/" + String.join("/", segments) + (details ? "$details" : "");
  }

  @Override
  public String toString() {
    return path();
  }
}
