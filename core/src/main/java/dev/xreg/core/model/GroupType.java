package dev.xreg.core.model;

import java.util.Map;
import java.util.Optional;

/** A Group type of the model and its Resource types, in definition order. */
public record GroupType(String plural, String singular, Map<String, ResourceType> resources, AttributeSet attributes) {

  public Optional<ResourceType> resource(String plural) {
    return Optional.ofNullable(resources.get(plural));
  }

  public String idAttribute() {
    return singular + "id";
  }
}
