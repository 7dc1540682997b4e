package dev.xreg.storage.pg;

import dev.xreg.storage.engine.Invalidations.Changed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The entities one write transaction changed, as the in-JVM {@link Changed} and as the payload
 * of its {@code pg_notify} on {@link #CHANNEL} (issue 15): the sending node's origin, then one xid
 * per line. PostgreSQL refuses payloads of 8000 bytes or more, and an import changes far more
 * entities than are worth naming, so past {@link #MAX_XIDS} xids or {@link #MAX_PAYLOAD_BYTES}
 * the notice says "everything" ({@code *}) instead.
 */
final class ChangeNotice {
  static final String CHANNEL = "xreg_changes";
  static final int MAX_XIDS = 256;
  static final int MAX_PAYLOAD_BYTES = 7_000;
  private static final String EVERYTHING = "*";

  private final Set<String> xids = new LinkedHashSet<>();
  private boolean everything;

  void add(String xid) {
    if (everything) {
      return;
    }
    xids.add(xid);
    if (xids.size() > MAX_XIDS) {
      everything = true;
      xids.clear();
    }
  }

  void addAll(Collection<String> more) {
    if (more.size() > MAX_XIDS) {
      everything = true;
      xids.clear();
      return;
    }
    more.forEach(this::add);
  }

  boolean isEmpty() {
    return !everything && xids.isEmpty();
  }

  Changed changed() {
    return everything ? Changed.EVERYTHING : Changed.of(xids);
  }

  /** The {@code pg_notify} payload from node {@code origin}. */
  String payload(String origin) {
    if (everything) {
      return origin + "\n" + EVERYTHING;
    }
    String text = origin + "\n" + String.join("\n", xids);
    return text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES ? origin + "\n" + EVERYTHING : text;
  }

  /** The origin of {@code payload} (its first line). */
  static String origin(String payload) {
    int nl = payload.indexOf('\n');
    return nl < 0 ? payload : payload.substring(0, nl);
  }

  /** What {@code payload} says changed; anything it cannot read means everything. */
  static Changed parse(String payload) {
    int nl = payload.indexOf('\n');
    if (nl < 0) {
      return Changed.EVERYTHING;
    }
    List<String> out = new ArrayList<>();
    for (String line : payload.substring(nl + 1).split("\n")) {
      if (line.equals(EVERYTHING) || !line.startsWith("/")) {
        return Changed.EVERYTHING;
      }
      out.add(line);
    }
    return Changed.of(out);
  }
}
