package dev.xreg.core.entity;

import java.util.Collections;
import java.util.Map;

/** A Resource as the write algorithm sees it: its meta and all of its Versions by versionid. */
public record ResourceState(Entity meta, Map<String, Entity> versions) {

  public ResourceState {
    versions = Collections.unmodifiableMap(versions);
  }

  public String defaultVersionId() {
    return meta.text("defaultversionid");
  }

  public Entity defaultVersion() {
    return versions.get(defaultVersionId());
  }
}
