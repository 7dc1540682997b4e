package dev.xreg.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import java.time.Instant;
import java.util.Map;

/**
 * Writes schema Versions of one Resource of the built-in schema model through the Resource
 * processing algorithm (no storage): each new Version's ancestor is the previous one, so the
 * Versions form the lineage the compatibility rules walk. Shared by the compatibility tests.
 */
final class SchemaLineage {
  static final String XID = SchemaValidationTest.XID;

  private SchemaLineage() {
  }

  /** Version 1 of a new Resource; {@code rule} null means no {@code meta.compatibility}. */
  static ResourceState create(String format, String doc, String rule) {
    ObjectNode body = body(format, doc);
    if (rule != null) {
      body.putObject("meta").put("compatibility", rule);
    }
    return ResourceWrite.on(null, SchemaValidationTest.SCHEMAS, XID, "s", Method.PUT, Instant.now())
        .resource(body, null).finish().after();
  }

  /** The next Version (id = count + 1), a child of the newest one. */
  static ResourceState addVersion(ResourceState s, String format, String doc) {
    return ResourceWrite.on(s, SchemaValidationTest.SCHEMAS, XID, "s", Method.PATCH, Instant.now())
        .versions(Map.of(next(s), body(format, doc))).finish().after();
  }

  static ResourceState setRule(ResourceState s, String rule) {
    return ResourceWrite.on(s, SchemaValidationTest.SCHEMAS, XID, "s", Method.PATCH, Instant.now())
        .meta(Json.object().put("compatibility", rule)).finish().after();
  }

  /** Whether Version {@code vid} carries {@code compatibilityvalidated: true}. */
  static boolean compatibilityValidated(ResourceState s, String vid) {
    return s.versions().get(vid).attributes().path("compatibilityvalidated").asBoolean(false);
  }

  /**
   * Adding {@code doc} is a compatibility_violation of this Resource whose detail contains
   * {@code detail}, and the state is untouched.
   *
   * @return the error, for further checks of its detail
   */
  static XRegistryException assertViolation(ResourceState s, String format, String doc, String detail) {
    String before = s.toString();
    XRegistryException e = catchThrowableOfType(XRegistryException.class, () -> addVersion(s, format, doc));
    assertThat(e).as("adding the Version is refused").isNotNull();
    assertThat(e.type()).isEqualTo(ErrorType.COMPATIBILITY_VIOLATION);
    assertThat(e.subject()).isEqualTo(XID);
    assertThat(e.detail()).contains(detail);
    assertThat(s.toString()).as("the stored state is untouched").isEqualTo(before);
    return e;
  }

  static String next(ResourceState s) {
    return Integer.toString(s.versions().size() + 1);
  }

  /** Avro and JSON Schema documents are JSON values; other formats are text. */
  static ObjectNode body(String format, String doc) {
    ObjectNode o = Json.object().put("format", format);
    if (format.startsWith("Avro") || format.startsWith("JsonSchema")) {
      o.set("schema", Json.parseTrusted(doc));
    } else {
      o.put("schema", doc);
    }
    return o;
  }
}
