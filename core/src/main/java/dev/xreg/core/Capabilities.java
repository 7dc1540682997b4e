package dev.xreg.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.render.Serializer;

/**
 * The capabilities this server really has (CORE-CAP-002: every supported capability,
 * nothing it cannot do). Grows as features land; tests pin it.
 */
public final class Capabilities {
  private Capabilities() {
  }

  public static ObjectNode defaults() {
    ObjectNode c = Json.object();
    ObjectNode available = c.putObject("available");
    available.putObject("capabilities").put("mutable", false);
    available.putObject("entities").put("mutable", true);
    available.putObject("model").put("mutable", false);
    available.putObject("modelsource").put("mutable", true);
    c.putObject("compatibilities");
    c.putArray("flags");
    c.putArray("formats");
    c.putArray("ignores");
    c.put("pagination", true);
    c.put("shortself", false);
    ArrayNode specversions = c.putArray("specversions");
    specversions.add(Serializer.SPEC_VERSION);
    c.putArray("versionmodes").add("manual").add("createdat").add("modifiedat").add("semver");
    return c;
  }
}
