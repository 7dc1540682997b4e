package dev.xreg.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test fixtures for the Resource write classes: a {@code dirs/files} model whose Resource
 * type takes the given aspects, Versions and bodies from JSON text, and the check of an
 * xRegistry error's type and subject.
 */
final class FilesModel {
  static final String XID = "/dirs/d1/files/f1";
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private FilesModel() {
  }

  /** The {@code files} Resource type with {@code aspects}, e.g. {@code "versionmode":"semver"} (may be empty). */
  static ResourceType files(String aspects) {
    String sep = aspects.isEmpty() ? "" : ",";
    return Model.parse(json("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\""
        + sep + aspects + "}}}}}")).group("dirs").orElseThrow().resource("files").orElseThrow();
  }

  static ObjectNode json(String text) {
    return (ObjectNode) Json.parse(text.getBytes(StandardCharsets.UTF_8), "test");
  }

  /** A Version of {@link #XID} with the given attributes, created at {@code T0 + seconds}. */
  static Entity version(String id, int seconds, String attributes) {
    Instant at = T0.plusSeconds(seconds);
    return new Entity(XID + "/versions/" + id, id, 1, at, at, json(attributes), null);
  }

  /** Asserts that {@code call} fails with an xRegistry error of {@code type} about {@code subject}; returns it. */
  static XRegistryException fails(ThrowingCallable call, ErrorType type, String subject) {
    XRegistryException[] caught = new XRegistryException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(XRegistryException.class, e -> {
      assertThat(e.type()).isEqualTo(type);
      assertThat(e.subject()).isEqualTo(subject);
      caught[0] = e;
    });
    return caught[0];
  }
}
