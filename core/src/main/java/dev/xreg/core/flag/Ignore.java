package dev.xreg.core.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.path.EntityPath;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ?ignore} flag (spec "Ignore Flag", CORE-IGN-001): parts of a write body the
 * server should act as if they were absent, e.g. epochs when importing an export.
 * Bare, empty or {@code *} means every supported value; others are {@code bad_ignore}.
 */
public final class Ignore {
  private final Set<String> values;

  private Ignore(Set<String> values) {
    this.values = values;
  }

  public static Ignore parse(RegistryRequest request, ObjectNode capabilities) {
    List<String> raw = request.query().get("ignore");
    Set<String> supported = new HashSet<>();
    capabilities.path("ignores").forEach(v -> supported.add(v.asText()));
    if (raw == null || !Capabilities.flagEnabled(capabilities, "ignore")) {
      return new Ignore(Set.of());
    }
    Set<String> out = new HashSet<>();
    for (String param : raw) {
      for (String v : param.split(",", -1)) {
        String value = v.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || "*".equals(value)) {
          out.addAll(supported);
        } else if (supported.contains(value)) {
          out.add(value);
        } else {
          throw XRegistryException.of(ErrorType.BAD_IGNORE, request.path()).arg("value", v)
              .errorDetail("supported values: " + supported).build();
        }
      }
    }
    return new Ignore(out);
  }

  public boolean has(String value) {
    return values.contains(value);
  }

  /**
   * Removes what is ignored from a write body, at every entity level of it: {@code epoch}
   * anywhere (also inside {@code meta}), {@code defaultversionid}/{@code defaultversionsticky}
   * of metas. Registry-level {@code capabilities}/{@code modelsource} are dropped from the top.
   * With {@code id} (CORE-IGN-002) on a PUT or PATCH of a single entity ({@code target}, null
   * for non-entity paths), also the root entity's own IDs, so they are neither used nor checked
   * against the target: {@code <SINGULAR>id} (for a Version also {@code versionid}; for a
   * Resource also the copy in its {@code meta}, docs/spec-decisions.md M7). Nested entities
   * keep their IDs.
   */
  public ObjectNode strip(ObjectNode body, EntityPath target, dev.xreg.core.command.Operation operation) {
    if (values.isEmpty()) {
      return body;
    }
    ObjectNode copy = body.deepCopy();
    if (has("id") && target != null && (operation == dev.xreg.core.command.Operation.REPLACE
        || operation == dev.xreg.core.command.Operation.UPDATE)) {
      stripRootIds(copy, target);
    }
    if (has("capabilities")) {
      copy.remove("capabilities");
    }
    if (has("modelsource")) {
      copy.remove("modelsource");
    }
    stripEntity(copy);
    return copy;
  }

  /**
   * The flag applied to an entity nested in a larger body, in place: what {@link #strip} does
   * below the root of a body. An import reads its document one entity at a time, so it strips
   * each entity as it is read instead of the whole document at once.
   */
  public ObjectNode stripNested(ObjectNode entity) {
    if (!values.isEmpty()) {
      stripEntity(entity);
    }
    return entity;
  }

  private static void stripRootIds(ObjectNode body, EntityPath target) {
    switch (target.level()) {
      case REGISTRY -> body.remove("registryid");
      case GROUP -> body.remove(target.group().idAttribute());
      case META -> body.remove(target.resource().idAttribute());
      case VERSION -> body.remove(List.of(target.resource().idAttribute(), "versionid"));
      case RESOURCE -> {
        body.remove(target.resource().idAttribute());
        if (body.get("meta") instanceof ObjectNode meta) {
          meta.remove(target.resource().idAttribute());
        }
      }
      default -> { } // collections: the flag applies to single entities only
    }
  }

  private void stripEntity(JsonNode node) {
    if (!(node instanceof ObjectNode o)) {
      return;
    }
    if (has("epoch") && o.path("epoch").isNumber()) {
      o.remove("epoch");
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) o::fields) {
      JsonNode v = e.getValue();
      if ("meta".equals(e.getKey()) && v instanceof ObjectNode meta) {
        if (has("defaultversionid")) {
          meta.remove("defaultversionid");
        }
        if (has("defaultversionsticky")) {
          meta.remove("defaultversionsticky");
        }
        stripEntity(meta);
      } else if (v.isObject() && !isAttributeMap(e.getKey())) {
        // a nested collection map: each value is an entity
        v.forEach(this::stripEntity);
      }
    }
  }

  /** Object-valued attributes whose keys are data, not entities. */
  private static boolean isAttributeMap(String name) {
    return Set.of("labels", "capabilities", "modelsource", "deprecated", "constraints").contains(name);
  }
}
