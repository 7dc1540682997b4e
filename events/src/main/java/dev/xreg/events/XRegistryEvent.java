package dev.xreg.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One xRegistry event (events.md "Event Definition") as a CloudEvent 1.0. {@code changed} is
 * null where events.md forbids it (created, deleted, model and modelsource events), so the
 * event then has no {@code data}. {@code payload} is the data of an OCI or App Registry event
 * (docs/events.md), null for xRegistry events. {@code id} is also the event's position in the change feed
 * ({@link EventPosition}), unique per {@code source}.
 */
public record XRegistryEvent(String type, String source, String subject, String id, Instant time,
    String correlationId, List<String> changed, JsonObject payload) {

  public static final String SPEC_VERSION = "1.0";
  public static final String TYPE_PREFIX = "io.xregistry.";

  public XRegistryEvent {
    changed = changed == null ? null : List.copyOf(changed);
  }

  /** An xRegistry entity event: its data is {@code {"changed": [...]}}, or none. */
  public XRegistryEvent(String type, String source, String subject, String id, Instant time, String correlationId,
      List<String> changed) {
    this(type, source, subject, id, time, correlationId, changed, null);
  }

  /** The event in the structured JSON format (CloudEvents JSON format, section 3). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("specversion", SPEC_VERSION)
        .put("type", type)
        .put("source", source)
        .put("subject", subject)
        .put("id", id)
        .put("time", time.toString())
        .put("xregcorrelationid", correlationId);
    JsonObject data = data();
    if (data != null) {
      json.put("datacontenttype", "application/json").put("data", data);
    }
    return json;
  }

  /** The {@code data} member, or null if the event has none. */
  public JsonObject data() {
    if (payload != null) {
      return payload.copy(); // another API's event (OCI, App Registry): its own data
    }
    return changed == null ? null : new JsonObject().put("changed", new JsonArray(List.copyOf(changed)));
  }
}
