package dev.xreg.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registry model: what the client supplied ({@link #source()}, served as
 * {@code /modelsource}) and the parsed Group and Resource types with their aspects.
 * Immutable; a model change builds a new instance. {@link ModelParser} reads and checks a
 * modelsource into one, {@link FullModel} renders it for {@code GET /model}.
 */
public final class Model {
  /**
   * Paths the server serves at the root besides the xRegistry tree (operations, the OCI
   * {@code /v2/} and App Registry {@code /cnr} APIs, the token endpoint {@code /auth}): no
   * Registry attribute or Group type may use these names, or one would hide the other.
   * ({@code -}, {@code .well-known} and {@code .xregistry} are no valid names anyway.)
   */
  public static final SortedSet<String> SERVER_ROOT_PATHS = Collections.unmodifiableSortedSet(
      new TreeSet<>(Set.of("auth", "cnr", "health", "metrics", "ready", "v2")));

  private final ObjectNode source;
  /** The source with {@code $include(s)} and {@code ximportresources} expanded. */
  private final ObjectNode expanded;
  private final Map<String, GroupType> groups;
  private final AttributeSet registryAttributes;

  /** Only {@link ModelParser} builds models: every instance is a checked one. */
  Model(ObjectNode source, ObjectNode expanded, Map<String, GroupType> groups, AttributeSet registryAttributes) {
    this.source = source;
    this.expanded = expanded;
    this.groups = groups;
    this.registryAttributes = registryAttributes;
  }

  /** The spec-only model: no Group types (modelsource {@code {}}). */
  public static Model empty() {
    return parse(Json.object());
  }

  /** Parses and validates a modelsource; problems are {@code model_error} with a precise detail. */
  public static Model parse(JsonNode node) {
    return ModelParser.parse(node);
  }

  /**
   * A built-in domain model, or several combined ({@code "schema"}, {@code "cloudevents"},
   * {@code "message,endpoint"}): its modelsource keeps the {@code $include} directives.
   */
  public static ObjectNode builtInSource(String names) {
    List<String> list = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        list.add(n.trim());
      }
    }
    return ModelIncludes.combinedSource(list);
  }

  /** The modelsource exactly as supplied. */
  public ObjectNode source() {
    return source.deepCopy();
  }

  /** The model definition after {@code $include(s)} and {@code ximportresources} processing. */
  public ObjectNode expanded() {
    return expanded.deepCopy();
  }

  public Map<String, GroupType> groups() {
    return groups;
  }

  public Optional<GroupType> group(String plural) {
    return Optional.ofNullable(groups.get(plural));
  }

  public AttributeSet registryAttributes() {
    return registryAttributes;
  }

  /** The {@code constraints} of a Group type (model.md "groups.&lt;STRING&gt;.constraints"), empty if none. */
  public ObjectNode groupConstraints(String groupPlural) {
    JsonNode c = expanded.path("groups").path(groupPlural).path("constraints");
    return c.isObject() ? (ObjectNode) c : Json.object();
  }

  /**
   * The full model of {@code GET /model}: every spec-defined attribute at every level,
   * the collection attributes, and every Resource aspect with its default filled in.
   */
  public ObjectNode full() {
    return FullModel.of(expanded, groups.values(), registryAttributes);
  }
}
